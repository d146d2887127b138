package dev.outpost.ports.storage;

import dev.outpost.ports.platform.fake.FakeClock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.PublicationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} does. The queue under test takes its time from the given clock, so jobs in the future
 * run only once the test moves the clock; a failed job is tried again after some clock time.
 */
public abstract class JobQueueContract {
    private static final PublicationId A = new PublicationId("pub-a");
    private static final PublicationId B = new PublicationId("pub-b");
    private static final PublicationId C = new PublicationId("pub-c");

    private final FakeClock clock = FakeClock.standard();
    private final Runs runs = new Runs();
    private JobQueue queue;

    /** A queue with no jobs, reading time from {@code clock}; called at most once per test. */
    protected abstract JobQueue jobQueue(FakeClock clock);

    @AfterEach
    void stopQueue() {
        if (queue != null) {
            queue.stop();
        }
    }

    private JobQueue queue() {
        if (queue == null) {
            queue = jobQueue(clock);
        }
        return queue;
    }

    @Test
    void aDueJobRunsOnce() {
        JobQueue q = queue();
        q.schedule(A, clock.instant());
        q.start(runs::record);

        Await.until("job A ran", () -> runs.count(A) > 0);
        // Another job running proves at least one more poll happened after A.
        q.schedule(B, clock.instant().minusSeconds(60));
        Await.until("job B ran", () -> runs.count(B) > 0);
        assertThat(runs.count(A)).isEqualTo(1);
        assertThat(runs.count(B)).isEqualTo(1);
    }

    @Test
    void aJobInTheFutureWaitsForItsTime() {
        JobQueue q = queue();
        Instant later = clock.instant().plus(Duration.ofHours(1));
        q.schedule(C, later);
        q.schedule(A, clock.instant());
        q.start(runs::record);
        Await.until("job A ran", () -> runs.count(A) > 0);
        assertThat(runs.count(C)).isZero();

        clock.advance(Duration.ofHours(2));
        Await.until("job C ran", () -> runs.count(C) > 0);
        assertThat(runs.firstRunAt(C)).isAfterOrEqualTo(later);
    }

    @Test
    void schedulingAgainMovesTheJobInsteadOfAddingOne() {
        JobQueue q = queue();
        q.schedule(A, clock.instant().plus(Duration.ofDays(1)));
        q.schedule(A, clock.instant());
        q.schedule(C, clock.instant());
        q.schedule(C, clock.instant().plus(Duration.ofHours(1)));
        q.start(runs::record);

        Await.until("job A ran", () -> runs.count(A) > 0);
        q.schedule(B, clock.instant());
        Await.until("job B ran", () -> runs.count(B) > 0);
        assertThat(runs.count(A)).isEqualTo(1);
        assertThat(runs.count(C)).isZero();
    }

    @Test
    void aCancelledJobDoesNotRun() {
        JobQueue q = queue();
        q.schedule(A, clock.instant());
        q.schedule(B, clock.instant().plusSeconds(1));

        assertThat(q.cancel(A)).isTrue();
        assertThat(q.cancel(A)).isFalse();
        assertThat(q.cancel(new PublicationId("never-scheduled"))).isFalse();

        clock.advance(Duration.ofSeconds(2));
        q.start(runs::record);
        Await.until("job B ran", () -> runs.count(B) > 0);
        assertThat(runs.count(A)).isZero();
    }

    @Test
    void aJobWhoseHandlerThrowsIsTriedAgainLater() {
        JobQueue q = queue();
        AtomicInteger attempts = new AtomicInteger();
        q.schedule(A, clock.instant());
        q.start(id -> {
            runs.record(id);
            if (id.equals(A) && attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the platform was down");
            }
        });

        Await.until("the first attempt", () -> attempts.get() >= 1);
        // The queue sets the retry time from its clock once the failure is recorded; keep time moving until then.
        Await.until("the second attempt", () -> {
            clock.advance(Duration.ofMinutes(10));
            return attempts.get() >= 2;
        });
        q.schedule(B, clock.instant());
        Await.until("job B ran", () -> runs.count(B) > 0);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aJobMayScheduleItselfAgainWhileRunning() {
        JobQueue q = queue();
        Instant again = clock.instant().plus(Duration.ofMinutes(10));
        q.schedule(A, clock.instant());
        q.start(id -> {
            runs.record(id);
            if (runs.count(A) == 1) {
                q.schedule(A, again);
            }
        });

        Await.until("the first run", () -> runs.count(A) >= 1);
        clock.advance(Duration.ofMinutes(11));
        Await.until("the second run", () -> runs.count(A) >= 2);
        assertThat(runs.lastRunAt(A)).isAfterOrEqualTo(again);
    }

    @Test
    void startAndStopAreIdempotent() {
        JobQueue q = queue();
        q.start(runs::record);
        q.start(runs::record);
        q.schedule(A, clock.instant());
        Await.until("job A ran", () -> runs.count(A) > 0);
        q.schedule(B, clock.instant());
        Await.until("job B ran", () -> runs.count(B) > 0);
        assertThat(runs.count(A)).isEqualTo(1);
        q.stop();
        q.stop();
    }

    /** What ran, when, by the test clock. */
    private final class Runs {
        private final Map<PublicationId, List<Instant>> at = new ConcurrentHashMap<>();

        void record(PublicationId id) {
            at.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(clock.instant());
        }

        int count(PublicationId id) {
            return at.getOrDefault(id, List.of()).size();
        }

        Instant firstRunAt(PublicationId id) {
            return at.get(id).get(0);
        }

        Instant lastRunAt(PublicationId id) {
            List<Instant> list = at.get(id);
            return list.get(list.size() - 1);
        }
    }
}
