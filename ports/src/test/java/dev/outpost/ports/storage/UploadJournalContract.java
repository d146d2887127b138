package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.advanced;
import static dev.outpost.ports.storage.StoreFixtures.checkpoint;
import static dev.outpost.ports.storage.StoreFixtures.checkpointsOfEveryKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadCheckpoint.Phase;
import dev.outpost.domain.upload.UploadId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link UploadJournal} does; extend it with a fresh, empty journal per test. */
public abstract class UploadJournalContract {

    /** A journal with no checkpoints; called once per test. */
    protected abstract UploadJournal uploadJournal();

    @Test
    void everyKindOfCheckpointRoundTripsExactly() {
        UploadJournal journal = uploadJournal();
        Map<String, UploadCheckpoint> checkpoints = checkpointsOfEveryKind();
        checkpoints.values().forEach(journal::save);

        checkpoints.forEach((name, checkpoint) -> assertThat(journal.find(checkpoint.id()))
                .as(name)
                .contains(checkpoint));
    }

    @Test
    void thePluginsStateComesBackCharacterForCharacter() {
        UploadJournal journal = uploadJournal();
        String state = "{\"id\":\"m,1\",\"acked\":[0,1,2]}\n\t\\ \u00e9\u4e16 \ud83d\udc4b '; DROP TABLE x; --";
        UploadCheckpoint c = advanced(checkpoint("u1", 10), Phase.PROCESSING, state, 10);
        journal.save(c);

        assertThat(journal.find(c.id()).orElseThrow().state()).isEqualTo(state);
    }

    @Test
    void savingTheSameUploadReplacesIt() {
        UploadJournal journal = uploadJournal();
        UploadCheckpoint first = checkpoint("u1", 10);
        journal.save(first);
        UploadCheckpoint later = advanced(first, Phase.UPLOADING, "parts=0-1", 8);
        journal.save(later);
        UploadCheckpoint ready = advanced(later, Phase.READY, "media-77", 10);
        journal.save(ready);

        assertThat(journal.find(first.id())).contains(ready);
    }

    @Test
    void anUnknownUploadIsNotFound() {
        assertThat(uploadJournal().find(new UploadId("nope"))).isEmpty();
    }

    @Test
    void unfinishedCheckpointsAreListedOldestFirstAndReadyOnesAreNot() {
        UploadJournal journal = uploadJournal();
        UploadCheckpoint a = checkpoint("a", 10);
        UploadCheckpoint b = checkpoint("b", 10);
        UploadCheckpoint c = advanced(checkpoint("c", 10), Phase.READY, "mc", 10);
        UploadCheckpoint d = advanced(checkpoint("d", 10), Phase.PROCESSING, "job-d", 10);
        journal.save(a);
        journal.save(b);
        journal.save(c);
        journal.save(d);
        UploadCheckpoint aLater = advanced(a, Phase.PROCESSING, "job-a", 10);
        journal.save(aLater); // saving again keeps its place: it is still the oldest

        assertThat(journal.listUnfinished()).containsExactly(aLater, b, d);

        journal.save(advanced(aLater, Phase.READY, "ma", 10));
        assertThat(journal.listUnfinished()).containsExactly(b, d);
    }

    @Test
    void theOrderIsThatOfTheFirstSaveWhateverTheIds() {
        UploadJournal journal = uploadJournal();
        List<UploadCheckpoint> inOrder = List.of(checkpoint("zz", 10), checkpoint("aa", 10), checkpoint("mm", 10),
                checkpoint("ab", 10));
        inOrder.forEach(journal::save);
        journal.save(inOrder.get(0)); // re-saved, not moved

        assertThat(journal.listUnfinished()).containsExactlyElementsOf(inOrder);
    }

    @Test
    void deleteForgetsTheCheckpoint() {
        UploadJournal journal = uploadJournal();
        UploadCheckpoint a = checkpoint("a", 10);
        UploadCheckpoint b = checkpoint("b", 10);
        journal.save(a);
        journal.save(b);

        journal.delete(a.id());
        journal.delete(a.id());

        assertThat(journal.find(a.id())).isEmpty();
        assertThat(journal.listUnfinished()).containsExactly(b);
        journal.save(a); // saved again after its delete: now the newest
        assertThat(journal.listUnfinished()).containsExactly(b, a);
    }

    @Test
    void ofConcurrentSavesOfOneUploadTheJournalKeepsOneWhole() throws Exception {
        UploadJournal journal = uploadJournal();
        UploadCheckpoint base = checkpoint("u1", 1000);
        List<UploadCheckpoint> versions = Concurrently.run(8, i -> {
            UploadCheckpoint next = advanced(base, Phase.UPLOADING, "parts=" + i, i * 100L);
            journal.save(next);
            return next;
        });

        assertThat(versions).contains(journal.find(base.id()).orElseThrow());
        assertThat(journal.listUnfinished()).hasSize(1);
    }
}
