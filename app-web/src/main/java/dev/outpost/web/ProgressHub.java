package dev.outpost.web;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.post.PublicationId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Fans progress events out to the browsers watching each publication, and remembers the recent ones so a page
 * opened mid-upload catches up at once. Consecutive byte counts of one attachment replace each other: only the
 * latest matters. Bounded in memory. Thread-safe.
 */
final class ProgressHub implements ProgressListener {
    private static final int MAX_PUBLICATIONS = 500;
    private static final int MAX_EVENTS = 64;

    private final Map<PublicationId, Deque<ProgressEvent>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicationId, Deque<ProgressEvent>> eldest) {
            return size() > MAX_PUBLICATIONS;
        }
    };
    private final Map<PublicationId, Set<ProgressListener>> watchers = new ConcurrentHashMap<>();

    @Override
    public void on(ProgressEvent event) {
        synchronized (this) {
            Deque<ProgressEvent> events = recent.computeIfAbsent(event.publication(), id -> new ArrayDeque<>());
            if (event instanceof ProgressEvent.BytesSent sent && events.peekLast() instanceof ProgressEvent.BytesSent last
                    && last.mediaIndex() == sent.mediaIndex()) {
                events.pollLast();
            }
            events.addLast(event);
            while (events.size() > MAX_EVENTS) {
                events.pollFirst();
            }
        }
        Set<ProgressListener> listeners = watchers.get(event.publication());
        if (listeners != null) {
            for (ProgressListener listener : listeners) {
                try {
                    listener.on(event);
                } catch (RuntimeException ignored) {
                    // A browser that went away must not disturb the publication.
                }
            }
        }
    }

    /** Starts delivering the publication's events; close the handle to stop. */
    AutoCloseable watch(PublicationId id, ProgressListener listener) {
        watchers.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> watchers.computeIfPresent(id, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    synchronized List<ProgressEvent> recent(PublicationId id) {
        Deque<ProgressEvent> events = recent.get(id);
        return events == null ? List.of() : new ArrayList<>(events);
    }
}
