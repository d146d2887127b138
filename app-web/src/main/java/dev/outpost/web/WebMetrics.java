package dev.outpost.web;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus metrics: counters from progress events as they happen on this instance (uploads, bytes, retries,
 * rate limits, outcomes), and publications by state as the shared store holds them, counted at each scrape.
 */
final class WebMetrics implements ProgressListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PublicationStore store;
    private final Map<PublicationState, Integer> byState = new EnumMap<>(PublicationState.class);
    private final Counter uploadsStarted;
    private final Counter uploadsCompleted;
    private final DistributionSummary uploadSize;
    private final Counter rateLimited;
    private final Counter published;
    private final Counter failed;
    private final Counter unconfirmed;

    WebMetrics(PublicationStore store) {
        this.store = store;
        uploadsStarted = Counter.builder("outpost.uploads.started").description("media uploads begun or resumed")
                .register(registry);
        uploadsCompleted = Counter.builder("outpost.uploads.completed")
                .description("media uploads ready to attach").register(registry);
        uploadSize = DistributionSummary.builder("outpost.upload.size").baseUnit("bytes")
                .description("size of uploaded media").register(registry);
        rateLimited = Counter.builder("outpost.rate.limited")
                .description("requests the platform answered with 429 (too many requests)").register(registry);
        published = Counter.builder("outpost.publications.published").register(registry);
        failed = Counter.builder("outpost.publications.failed").register(registry);
        unconfirmed = Counter.builder("outpost.publications.unconfirmed")
                .description("publications whose post request had an unknown outcome").register(registry);
        for (PublicationState state : PublicationState.values()) {
            byState.put(state, 0);
            Gauge.builder("outpost.publications", byState, m -> currentCount(state))
                    .description("publications in the store, by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    private synchronized double currentCount(PublicationState state) {
        return byState.get(state);
    }

    @Override
    public void on(ProgressEvent event) {
        if (event instanceof ProgressEvent.UploadStarted e) {
            uploadsStarted.increment();
            uploadSize.record(e.totalBytes());
        } else if (event instanceof ProgressEvent.MediaReady) {
            uploadsCompleted.increment();
        } else if (event instanceof ProgressEvent.Retrying e) {
            Counter.builder("outpost.retries").description("requests retried after a failure")
                    .tag("operation", operationKind(e.operation())).register(registry).increment();
            if (e.rateLimited()) {
                rateLimited.increment();
            }
        } else if (event instanceof ProgressEvent.Published) {
            published.increment();
        } else if (event instanceof ProgressEvent.Failed) {
            failed.increment();
        } else if (event instanceof ProgressEvent.Unconfirmed) {
            unconfirmed.increment();
        }
    }

    /** The Prometheus text, with the state counts read fresh from the store. */
    String scrape() {
        Map<PublicationState, Integer> counts = new EnumMap<>(PublicationState.class);
        for (PublicationState state : PublicationState.values()) {
            counts.put(state, 0);
        }
        for (Publication p : store.list(new PublicationStore.Query(java.util.Set.of(), null, 100_000))) {
            counts.merge(p.state(), 1, Integer::sum);
        }
        synchronized (this) {
            byState.putAll(counts);
        }
        return registry.scrape();
    }

    /** A bounded tag value: operations name files, so only the kind of request is kept. */
    private static String operationKind(String operation) {
        String o = operation == null ? "" : operation.toLowerCase(Locale.ROOT);
        for (String kind : new String[] {"initialize", "append", "finalize", "status", "alt text", "publish",
                "recent posts", "upload"}) {
            if (o.contains(kind)) {
                return kind.replace(' ', '_');
            }
        }
        return "other";
    }
}
