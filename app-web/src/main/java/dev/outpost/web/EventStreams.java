package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/publications/{id}/events}: a server-sent event stream of one publication. It opens with a
 * {@code snapshot} (the publication as stored), replays the current attempt's progress (never an earlier attempt's:
 * a retried publication does not show how it failed before), then sends each progress event as it happens. The store is also looked at every second, so a publication another instance runs still shows its state
 * changes here.
 */
final class EventStreams implements AutoCloseable {
    private final OutpostCore core;
    private final ProgressHub hub;
    private final PublicationViews views;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outpost-web-sse");
        thread.setDaemon(true);
        return thread;
    });

    EventStreams(OutpostCore core, ProgressHub hub, PublicationViews views) {
        this.core = core;
        this.hub = hub;
        this.views = views;
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** One browser watching one publication. Sends are serialized: events arrive from several threads. */
    private final class Stream {
        final SseClient client;
        final PublicationId id;
        long version = -1;
        int ticks;
        AutoCloseable watch;

        Stream(SseClient client, PublicationId id) {
            this.client = client;
            this.id = id;
        }

        synchronized void send(String name, Object data) {
            if (!client.terminated()) {
                client.sendEvent(name, Json.text(data));
            }
        }

        synchronized void snapshotIfChanged(Publication p) {
            if (p.version() != version) {
                version = p.version();
                send("snapshot", views.view(p));
            }
        }

        void close() {
            open.remove(this);
            try {
                if (watch != null) {
                    watch.close();
                }
            } catch (Exception ignored) {
                // unsubscribing cannot fail in a way that matters
            }
        }
    }

    /**
     * Serves the stream whatever the request's {@code Accept} says ({@code curl -N} sends none; Javalin's own SSE
     * route answers an empty 200 then): the same headers and async handling as Javalin's, without that check.
     */
    void serve(Context ctx) {
        PublicationId id = new PublicationId(ctx.pathParam("id"));
        if (core.publications().find(id).isEmpty()) {
            throw new WebError(404, "no publication " + id);
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Connection", "close");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        try {
            res.flushBuffer();
        } catch (java.io.IOException gone) {
            return;
        }
        ctx.async(config -> config.timeout = 0, () -> handle(new SseClient(ctx)));
    }

    void handle(SseClient client) {
        PublicationId id = new PublicationId(client.ctx().pathParam("id"));
        Publication publication = core.publications().find(id).orElse(null);
        if (publication == null) {
            client.sendEvent("error", Json.text(java.util.Map.of("message", "no publication " + id)));
            client.close();
            return;
        }
        client.keepAlive();
        Stream stream = new Stream(client, id);
        stream.watch = hub.watch(id, event -> {
            stream.send(EventJson.name(event), EventJson.data(event));
            if (event.isOutcome()) {
                // The outcome as stored (a failure in the user's words) follows at once, not at the next tick.
                core.publications().find(id).ifPresent(stream::snapshotIfChanged);
            }
        });
        client.onClose(stream::close);
        stream.snapshotIfChanged(publication);
        List<ProgressHub.Stamped> attempt = hub.recent(id);
        // A publication running again (or queued again) after an outcome: that outcome was an earlier attempt's.
        boolean stale = !attempt.isEmpty() && attempt.get(attempt.size() - 1).isOutcome()
                && !publication.state().isTerminal();
        if (!stale) {
            for (ProgressHub.Stamped event : attempt) {
                stream.send(EventJson.name(event), EventJson.data(event));
            }
        }
        open.add(stream);
    }

    private void tick() {
        for (Stream stream : open) {
            try {
                if (stream.client.terminated()) {
                    stream.close();
                    continue;
                }
                core.publications().find(stream.id).ifPresent(stream::snapshotIfChanged);
                if (++stream.ticks % 15 == 0) {
                    synchronized (stream) {
                        stream.client.sendComment("keep-alive");
                    }
                }
            } catch (RuntimeException e) {
                stream.close();
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        open.forEach(s -> s.client.close());
    }
}
