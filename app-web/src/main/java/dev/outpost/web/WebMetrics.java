package dev.outpost.web;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.application.Publications;
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
    private static final int MAX_OPERATION_KINDS = 24;

    private final Publications publications;
    private final java.util.Set<String> operationKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<PublicationState, Integer> byState = new EnumMap<>(PublicationState.class);
    private final Counter uploadsStarted;
    private final Counter uploadsCompleted;
    private final DistributionSummary uploadSize;
    private final Counter rateLimited;
    private final Counter published;
    private final Counter failed;
    private final Counter unconfirmed;

    WebMetrics(Publications publications) {
        this.publications = publications;
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
                    .tag("operation", operationKind(e.mediaIndex(), e.operation())).register(registry).increment();
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

    /** The Prometheus text, with the state counts read fresh from the shared store. */
    String scrape() {
        Map<PublicationState, Integer> counts = new EnumMap<>(PublicationState.class);
        for (PublicationState state : PublicationState.values()) {
            counts.put(state, 0);
        }
        for (Publication p : publications.list(new PublicationStore.Query(java.util.Set.of(), null, 100_000))) {
            counts.merge(p.state(), 1, Integer::sum);
        }
        synchronized (this) {
            byState.putAll(counts);
        }
        return registry.scrape();
    }

    /**
     * A bounded tag value. Operations are named by the platform's plugin ("photo.jpg: send part 3", "publish the
     * post"): the file name and numbers are dropped and the first word kept, and past a few distinct kinds the rest
     * count as "other", so a plugin's wording cannot grow the metric without bound.
     */
    private String operationKind(int mediaIndex, String operation) {
        String o = operation == null ? "" : operation;
        int colon = o.indexOf(": ");
        if (mediaIndex >= 0 && colon >= 0) {
            o = o.substring(colon + 2);
        }
        String word = o.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "");
        if (word.isEmpty()) {
            return "other";
        }
        word = word.length() > 24 ? word.substring(0, 24) : word;
        if (operationKinds.contains(word)) {
            return word;
        }
        synchronized (operationKinds) {
            if (operationKinds.size() >= MAX_OPERATION_KINDS) {
                return "other";
            }
            operationKinds.add(word);
        }
        return word;
    }
}
