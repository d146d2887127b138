package dev.outpost.ports.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.JobQueueContract;
import dev.outpost.ports.platform.fake.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryJobQueueTest extends JobQueueContract {
    @Override
    protected JobQueue jobQueue(FakeClock clock) {
        return new InMemoryJobQueue(clock);
    }

    @Test
    void runDueRunsWhatIsDueOnTheCallingThreadEarliestFirst() {
        FakeClock clock = FakeClock.standard();
        InMemoryJobQueue queue = new InMemoryJobQueue(clock);
        PublicationId late = new PublicationId("late");
        PublicationId early = new PublicationId("early");
        PublicationId future = new PublicationId("future");
        queue.schedule(late, clock.instant());
        queue.schedule(early, clock.instant().minusSeconds(5));
        queue.schedule(future, clock.instant().plusSeconds(5));
        List<PublicationId> ran = new ArrayList<>();

        assertThat(queue.runDue(ran::add)).isEqualTo(2);

        assertThat(ran).containsExactly(early, late);
        assertThat(queue.scheduled()).containsOnlyKeys(future);
    }

    @Test
    void aFailedRunIsRescheduledAfterTheRetryDelay() {
        FakeClock clock = FakeClock.standard();
        InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
        PublicationId id = new PublicationId("p");
        queue.schedule(id, clock.instant());

        assertThatThrownBy(() -> queue.runDue(x -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(queue.scheduled()).containsEntry(id, clock.instant().plusSeconds(30));
    }
}
