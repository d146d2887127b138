package dev.outpost.web;

import dev.outpost.application.PublicationRunner;
import dev.outpost.domain.post.Publication;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a publication that is due now on this instance at once, instead of at the queue's next look. The queue
 * stays the safety net: its job for the publication still runs, and the publication's claim keeps the two from
 * running it twice (the one that comes second finds it claimed, or finished). Thread-safe.
 */
final class RunNow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunNow.class);
    private static final int THREADS = 4;
    private static final int WAITING = 100;

    private final PublicationRunner runner;
    private final Clock clock;
    private final ThreadPoolExecutor pool;

    RunNow(PublicationRunner runner, Clock clock) {
        this.runner = runner;
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
        try {
            pool.execute(() -> {
                try {
                    runner.run(publication.id());
                } catch (RuntimeException e) {
                    // The queue's job runs it again; the class and message only (no request data in the log).
                    LOG.warn("running publication {} at once failed ({}: {}); the queue will run it",
                            publication.id(), e.getClass().getName(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException busy) {
            // Many at once, or closing: the queue's next look starts it.
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
