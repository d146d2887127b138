package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.PublicationRunner;
import dev.outpost.application.Publications;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a publication that is due now on this instance at once, instead of at the queue's next look. The queue
 * stays the safety net: its job for the publication still runs, and the publication's claim keeps the two from
 * running it twice (the one that comes second finds it claimed, or finished). Claims are per worker name, so the
 * runner given here must be a second worker of this instance, under a name of its own (a runner under the queue's
 * name would find its own claim and run alongside). Thread-safe.
 */
final class RunNow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunNow.class);
    private static final int THREADS = 4;
    private static final int WAITING = 100;

    private final PublicationRunner runner;
    private final Clock clock;
    private final Publications publications;
    private final ThreadPoolExecutor pool;
    /** What this worker runs now: one run per publication (a second Retry click waits for the queue). */
    private final Set<PublicationId> running = ConcurrentHashMap.newKeySet();

    RunNow(OutpostCore worker, Clock clock) {
        this.runner = worker.runner();
        this.publications = worker.publications();
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WAITING),
                r -> {
                    Thread thread = new Thread(r, "outpost-web-run-now");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code publication} now when it is due; a scheduled one is left to the queue. */
    void startIfDue(Publication publication) {
        if (publication.dueAt().isAfter(clock.instant())) {
            return;
        }
        PublicationId id = publication.id();
        if (!running.add(id)) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    runner.run(id);
                } catch (RuntimeException e) {
                    // The class and message only (no request data in the log); the queue is asked to run it again.
                    LOG.warn("running publication {} at once failed ({}: {}); the queue will run it", id,
                            e.getClass().getName(), e.getMessage());
                    requeue(id);
                } finally {
                    running.remove(id);
                }
            });
        } catch (RejectedExecutionException busy) {
            // Many at once, or closing: the queue's next look starts it.
            running.remove(id);
        }
    }

    private void requeue(PublicationId id) {
        try {
            publications.resume(id);
        } catch (RuntimeException stillDown) {
            // Start-up recovery queues it again.
        }
    }

    /** Stops; the publications it was running are given up (their claims released) for the queue to finish. */
    @Override
    public void close() {
        pool.shutdownNow();
        runner.releaseClaims();
    }
}
