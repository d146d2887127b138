package dev.outpost.ports.storage;

import dev.outpost.domain.post.PublicationId;
import java.time.Instant;

/**
 * Durable jobs that run publications when they are due. A scheduled job survives restarts and runs once, even with
 * several instances polling the same storage. Thread-safe.
 */
public interface JobQueue {
    /** Schedules (or reschedules) the publication to run at {@code at}; a time in the past means as soon as possible. */
    void schedule(PublicationId id, Instant at);

    /** @return whether a scheduled job was removed */
    boolean cancel(PublicationId id);

    /**
     * Starts executing due jobs on this instance by calling {@code handler}; a handler that throws has its job
     * retried later by the queue. Idempotent.
     */
    void start(Handler handler);

    /** Stops polling and waits briefly for running jobs. Idempotent. */
    void stop();

    @FunctionalInterface
    interface Handler {
        void run(PublicationId id);
    }
}
