package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.StoreFixtures;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CrashTest} on SQLite, and RELIABILITY L2: a process killed in the middle of writing (or of creating the
 * database) leaves a home the next process opens, with nothing half-written visible and nothing lost that the killed
 * process had reported written.
 */
class SqliteCrashTest extends CrashTest {
    @Override
    String technology() {
        return "sqlite";
    }

    @Test
    void aProcessKilledWhileWritingLeavesEverythingItReportedAndNothingHalfWritten() throws Exception {
        int next = 0;
        // What each round's writer reported written, from its first index to its last WROTE line. A writer killed
        // between creating a publication and moving it on leaves that one unreported (QUEUED); the next round starts
        // after it, so it stays unreported: only reported writes must have been kept whole.
        List<int[]> reportedRanges = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            child = Child.start(WritingInstance.class, dataDir.toString(), Integer.toString(next));
            int from = next;
            Await.until("the writer wrote a few rounds", () -> lastWritten(child.lines()) >= from + 5);
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, 200)); // land anywhere in a write
            child.kill();
            int reported = lastWritten(child.lines());
            reportedRanges.add(new int[] {from, reported});

            try (Stores reopened = open(dataDir)) {
                assertThat(integrity(reopened)).isEqualTo("ok");
                List<Publication> all = reopened.publications().list(PublicationStore.Query.all());
                assertThat(all).allSatisfy(p -> assertThat(p.draft().media()).hasSize(WritingInstance.MEDIA));
                assertThat(all).extracting(p -> p.id().value()).contains("w-" + reported);
                for (Publication p : all) {
                    int i = Integer.parseInt(p.id().value().substring(2));
                    if (reportedRanges.stream().anyMatch(r -> i >= r[0] && i <= r[1])) {
                        assertThat(p.state()).as(p.id().value()).isEqualTo(PublicationState.PUBLISHING);
                    }
                    reopened.uploads().find(WritingInstance.uploadId(i)).ifPresent(c -> assertThat(c.state())
                            .hasSize(WritingInstance.STATE_CHARS));
                }
                UploadCheckpoint last = reopened.uploads().find(WritingInstance.uploadId(reported)).orElseThrow();
                assertThat(last.bytesAcknowledged()).isEqualTo(reported);
                assertThat(reopened.tokens().find(new AccountId("x:writer"))).isPresent();
                next = all.size();
                // The home takes writes again at once.
                reopened.accounts().save(StoreFixtures.account("r" + round, "after-" + round));
            }
        }
    }

    @Test
    void aProcessKilledWhileCreatingTheDatabaseLeavesAHomeTheNextOneOpens() throws Exception {
        for (int round = 1; round <= 3; round++) {
            Path home = Files.createDirectories(dataDir.resolve("fresh-" + round));
            child = Child.start(WritingInstance.class, home.toString(), "0");
            // A JVM starts in about half a second here: kill before, during or just after the database is made.
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 1500));
            child.kill();
            try (Stores reopened = open(home)) {
                assertThat(integrity(reopened)).isEqualTo("ok");
                reopened.accounts().save(StoreFixtures.account("1", "after"));
                assertThat(reopened.accounts().list()).hasSize(1);
            }
            assertThat(home.resolve("outpost.db.new")).doesNotExist();
        }
    }

    private static int lastWritten(List<String> lines) {
        int last = -1;
        for (String line : lines) {
            if (line.startsWith("WROTE ")) {
                last = Integer.parseInt(line.substring(6));
            }
        }
        return last;
    }

    private static String integrity(Stores stores) throws Exception {
        try (Connection c = ((JdbcStores) stores).dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

}
