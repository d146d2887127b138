package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.remote;
import static dev.outpost.ports.storage.StoreFixtures.sessionsInEveryState;
import static dev.outpost.ports.storage.StoreFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link UploadJournal} does; extend it with a fresh, empty journal per test. */
public abstract class UploadJournalContract {

    /** A journal with no sessions; called once per test. */
    protected abstract UploadJournal uploadJournal();

    @Test
    void everyStateRoundTripsExactly() {
        UploadJournal journal = uploadJournal();
        Map<String, UploadSession> sessions = sessionsInEveryState();
        sessions.values().forEach(journal::save);

        sessions.forEach((name, session) -> assertThat(journal.find(session.id()))
                .as(name)
                .contains(session));
    }

    @Test
    void aSplitPlanKeepsItsUnevenSegments() {
        UploadJournal journal = uploadJournal();
        UploadSession.Appending split = (UploadSession.Appending) sessionsInEveryState().get("split");
        journal.save(split);

        UploadSession.Appending found = (UploadSession.Appending) journal.find(split.id()).orElseThrow();
        assertThat(found.plan().segments()).isEqualTo(split.plan().segments());
        assertThat(found.plan().chunkSize()).isEqualTo(split.plan().chunkSize());
        assertThat(found.acknowledged()).containsExactly(0, 1);
    }

    @Test
    void savingTheSameUploadReplacesIt() {
        UploadJournal journal = uploadJournal();
        UploadSession.Appending first = UploadSession.initialized(target("u1", 10), remote("m1"),
                ChunkPlan.of(10, 4));
        journal.save(first);
        UploadSession.Appending later = first.acknowledge(0).acknowledge(1);
        journal.save(later);
        UploadSession expired = later.expire();
        journal.save(expired);

        assertThat(journal.find(first.id())).contains(expired);
    }

    @Test
    void anUnknownUploadIsNotFound() {
        assertThat(uploadJournal().find(new UploadId("nope"))).isEmpty();
    }

    @Test
    void unfinishedSessionsAreListedOldestFirstAndTerminalOnesAreNot() {
        UploadJournal journal = uploadJournal();
        UploadSession.Appending a = UploadSession.initialized(target("a", 10), remote("ma"), ChunkPlan.of(10, 4));
        UploadSession.Appending b = UploadSession.initialized(target("b", 10), remote("mb"), ChunkPlan.of(10, 4));
        journal.save(a);
        journal.save(b);
        journal.save(new UploadSession.Succeeded(target("c", 10), remote("mc")));
        journal.save(new UploadSession.Failed(target("d", 10), null, "refused"));
        UploadSession.Appending aLater = a.acknowledge(1);
        journal.save(aLater); // re-saving keeps its place: it is still the oldest

        assertThat(journal.listUnfinished()).containsExactly(aLater, b);

        journal.save(aLater.fail("gave up"));
        assertThat(journal.listUnfinished()).containsExactly(b);
    }

    @Test
    void deleteForgetsTheSession() {
        UploadJournal journal = uploadJournal();
        UploadSession.Appending a = UploadSession.initialized(target("a", 10), remote("ma"), ChunkPlan.of(10, 4));
        UploadSession.Appending b = UploadSession.initialized(target("b", 10), remote("mb"), ChunkPlan.of(10, 4));
        journal.save(a);
        journal.save(b);

        journal.delete(a.id());
        journal.delete(a.id());

        assertThat(journal.find(a.id())).isEmpty();
        assertThat(journal.listUnfinished()).containsExactly(b);
    }
}
