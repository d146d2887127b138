package dev.outpost.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link UnusedUploads#sweep()} a few minutes after start and then every hour, on a daemon thread of its own. A
 * failed sweep (the database away for a moment) is logged and tried again at the next hour.
 */
final class UploadSweeps implements AutoCloseable {
    static final Duration FIRST = Duration.ofMinutes(5);
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeps.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outpost-upload-sweep");
        thread.setDaemon(true);
        return thread;
    });

    private UploadSweeps() {
    }

    static UploadSweeps start(UnusedUploads unused) {
        UploadSweeps sweeps = new UploadSweeps();
        sweeps.timer.scheduleWithFixedDelay(() -> {
            try {
                unused.sweep();
            } catch (RuntimeException e) {
                // The class and message only, as everywhere in the web app's log.
                LOG.warn("Sweeping unused uploads failed (tried again in {}): {}: {}", EVERY,
                        e.getClass().getName(), e.getMessage());
            }
        }, FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
        return sweeps;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
