package dev.outpost.ports.storage.memory;

import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobQueue} in memory, for tests of the core. Time comes from the given clock. Tests either call
 * {@link #runDue} to run what is due on their own thread, deterministically, or {@link #start} a poller as the
 * real queue does. A job runs on one thread at a time; a handler that throws has its job tried again
 * {@code retryDelay} later; scheduling a job from inside its own run makes it run again at that time.
 */
public final class InMemoryJobQueue implements JobQueue {
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);
    private static final long POLL_MILLIS = 10;

    private final Clock clock;
    private final Duration retryDelay;
    private final Map<PublicationId, Instant> scheduled = new LinkedHashMap<>();
    private final Set<PublicationId> running = new HashSet<>();
    private final Map<PublicationId, Instant> scheduledWhileRunning = new HashMap<>();
    private ScheduledExecutorService poller;

    public InMemoryJobQueue(Clock clock) {
        this(clock, DEFAULT_RETRY_DELAY);
    }

    public InMemoryJobQueue(Clock clock, Duration retryDelay) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    @Override
    public synchronized void schedule(PublicationId id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        if (running.contains(id)) {
            scheduledWhileRunning.put(id, at);
        } else {
            scheduled.put(id, at);
        }
    }

    @Override
    public synchronized boolean cancel(PublicationId id) {
        boolean removed = scheduled.remove(id) != null;
        return scheduledWhileRunning.remove(id) != null || removed;
    }

    /** When each job not currently running is due. */
    public synchronized Map<PublicationId, Instant> scheduled() {
        return Map.copyOf(scheduled);
    }

    /**
     * Runs every job due now on the calling thread, earliest first, each at most once per call.
     *
     * @return how many jobs ran (including those whose handler threw)
     */
    public int runDue(Handler handler) {
        Set<PublicationId> ran = new HashSet<>();
        while (true) {
            Optional<PublicationId> next = pickDue(ran);
            if (next.isEmpty()) {
                return ran.size();
            }
            PublicationId id = next.get();
            ran.add(id);
            boolean failed = true;
            try {
                handler.run(id);
                failed = false;
            } finally {
                finish(id, failed);
            }
        }
    }

    private synchronized Optional<PublicationId> pickDue(Set<PublicationId> skip) {
        Instant now = clock.instant();
        Optional<PublicationId> due = scheduled.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now) && !skip.contains(e.getKey()))
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
        due.ifPresent(id -> {
            scheduled.remove(id);
            running.add(id);
        });
        return due;
    }

    private synchronized void finish(PublicationId id, boolean failed) {
        running.remove(id);
        Instant again = scheduledWhileRunning.remove(id);
        if (again != null) {
            scheduled.put(id, again);
        } else if (failed) {
            scheduled.put(id, clock.instant().plus(retryDelay));
        }
    }

    @Override
    public synchronized void start(Handler handler) {
        Objects.requireNonNull(handler, "handler");
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "in-memory-job-queue");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                runDue(handler);
            } catch (RuntimeException e) {
                // The job is already rescheduled by finish(); the poller must survive the handler's failure.
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService p;
        synchronized (this) {
            p = poller;
            poller = null; // a later start() polls again
        }
        if (p == null) {
            return;
        }
        p.shutdown();
        try {
            p.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
