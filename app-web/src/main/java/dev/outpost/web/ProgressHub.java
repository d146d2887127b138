package dev.outpost.web;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.post.PublicationId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Fans progress events out to the browsers watching each publication, each stamped with when it happened, and
 * remembers the current attempt's recent ones so a page opened mid-upload catches up at once. An attempt's history
 * ends with its outcome; the first event after an outcome (a retry's run) starts a new one, so a retried publication
 * never replays how its last attempt failed. Consecutive byte counts of one attachment replace each other: only the
 * latest matters. Bounded in memory. Thread-safe.
 */
final class ProgressHub implements ProgressListener {
    private static final int MAX_PUBLICATIONS = 500;
    private static final int MAX_EVENTS = 64;

    /** An event and when this instance learnt of it (as it happened: the runner reports synchronously). */
    record Stamped(Instant at, ProgressEvent event) {
        /** Whether the event ends an attempt. */
        boolean isOutcome() {
            return event instanceof ProgressEvent.Published || event instanceof ProgressEvent.Failed
                    || event instanceof ProgressEvent.StateChanged changed && changed.state().isTerminal();
        }
    }

    private final Clock clock;
    private final Map<PublicationId, Deque<Stamped>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicationId, Deque<Stamped>> eldest) {
            return size() > MAX_PUBLICATIONS;
        }
    };
    private final Map<PublicationId, Set<Consumer<Stamped>>> watchers = new ConcurrentHashMap<>();

    ProgressHub(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void on(ProgressEvent event) {
        Stamped stamped = new Stamped(clock.instant(), event);
        synchronized (this) {
            Deque<Stamped> events = recent.computeIfAbsent(event.publication(), id -> new ArrayDeque<>());
            if (!events.isEmpty() && events.peekLast().isOutcome() && !stamped.isOutcome()) {
                events.clear(); // a new attempt
            }
            if (event instanceof ProgressEvent.BytesSent sent
                    && events.peekLast() != null && events.peekLast().event() instanceof ProgressEvent.BytesSent last
                    && last.mediaIndex() == sent.mediaIndex()) {
                events.pollLast();
            }
            events.addLast(stamped);
            while (events.size() > MAX_EVENTS) {
                events.pollFirst();
            }
        }
        Set<Consumer<Stamped>> listeners = watchers.get(event.publication());
        if (listeners != null) {
            for (Consumer<Stamped> listener : listeners) {
                try {
                    listener.accept(stamped);
                } catch (RuntimeException ignored) {
                    // A browser that went away must not disturb the publication.
                }
            }
        }
    }

    /** Starts delivering the publication's events; close the handle to stop. */
    AutoCloseable watch(PublicationId id, Consumer<Stamped> listener) {
        watchers.computeIfAbsent(id, key -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> watchers.computeIfPresent(id, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** The publication's latest attempt, oldest event first. */
    synchronized List<Stamped> recent(PublicationId id) {
        Deque<Stamped> events = recent.get(id);
        return events == null ? List.of() : new ArrayList<>(events);
    }
}
