package dev.outpost.web;

import dev.outpost.application.Group;
import dev.outpost.application.OutpostCore;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One browser watching one publication, or every publication of a group (then {@code group} is set and each
     * snapshot's {@code id} says whose it is). Sends are serialized: events arrive from several threads.
     */
    private final class Stream {
        final SseClient client;
        final PublicationId id;
        final GroupId group;
        final Map<PublicationId, Long> versions = new HashMap<>();
        final List<AutoCloseable> watches = new ArrayList<>();
        Set<PublicationId> members = Set.of();
        int ticks;

        Stream(SseClient client, PublicationId id, GroupId group) {
            this.client = client;
            this.id = id;
            this.group = group;
        }

        synchronized void send(String name, Object data) {
            if (!client.terminated()) {
                client.sendEvent(name, Json.text(data));
            }
        }

        synchronized boolean snapshotIfChanged(Publication p) {
            Long seen = versions.put(p.id(), p.version());
            if (seen == null || seen != p.version()) {
                send("snapshot", views.view(p));
                return true;
            }
            return false;
        }

        /** Snapshots of what changed; for a group, then its summary (and a notice when its posts were replaced). */
        synchronized void refresh() {
            if (group == null) {
                core.publications().find(id).ifPresent(this::snapshotIfChanged);
                return;
            }
            Group current = core.publications().group(group);
            Set<PublicationId> ids = current.publications().stream().map(d -> d.publication().id())
                    .collect(java.util.stream.Collectors.toSet());
            boolean changed = false;
            if (!ids.equals(members)) {
                if (!members.isEmpty()) {
                    send("group-replaced", Map.of("group", group.value()));
                }
                members = ids;
                watchAll(ids);
                changed = true;
            }
            for (var details : current.publications()) {
                changed |= snapshotIfChanged(details.publication());
            }
            if (changed && !current.publications().isEmpty()) {
                Map<String, Object> summary = new java.util.LinkedHashMap<>();
                summary.put("id", group.value());
                summary.put("state", GroupViews.stateName(current));
                summary.put("words", GroupViews.stateWords(current));
                summary.put("badge", GroupViews.badgeClass(current.state()));
                summary.put("editable", GroupViews.editable(current));
                summary.put("cancellable", current.publications().stream().anyMatch(d -> d.publication().state()
                        .canMoveTo(dev.outpost.domain.post.PublicationState.CANCELLED)));
                send("group", summary);
            }
        }

        synchronized void watchAll(Set<PublicationId> ids) {
            closeWatches();
            for (PublicationId member : ids) {
                watches.add(hub.watch(member, event -> {
                    send(EventJson.name(event), EventJson.data(event));
                    if (event.isOutcome()) {
                        // The outcome as stored (a failure in the user's words) follows at once, not at the next tick.
                        refresh();
                    }
                }));
            }
        }

        private void closeWatches() {
            for (AutoCloseable watch : watches) {
                try {
                    watch.close();
                } catch (Exception ignored) {
                    // unsubscribing cannot fail in a way that matters
                }
            }
            watches.clear();
        }

        void close() {
            open.remove(this);
            synchronized (this) {
                closeWatches();
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
        open(ctx, () -> handle(new SseClient(ctx)));
    }

    /**
     * {@code GET /api/groups/{id}/events}: every publication of a group on one stream (a browser keeps few
     * connections per site): a snapshot of each, a {@code group} summary, then each one's progress events as they
     * happen, each naming its publication; {@code group-replaced} when an edit replaced the group's posts.
     */
    void serveGroup(Context ctx) {
        GroupId group = GroupId.of(ctx.pathParam("id"));
        GroupRoutes.find(core, group);
        open(ctx, () -> {
            SseClient client = new SseClient(ctx);
            client.keepAlive();
            Stream stream = new Stream(client, null, group);
            client.onClose(stream::close);
            stream.refresh();
            open.add(stream);
        });
    }

    private void open(Context ctx, Runnable handler) {
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
        ctx.async(config -> config.timeout = 0, handler::run);
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
        Stream stream = new Stream(client, id, null);
        stream.watchAll(Set.of(id));
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
                stream.refresh();
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
