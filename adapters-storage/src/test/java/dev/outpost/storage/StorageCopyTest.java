package dev.outpost.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.account;
import static dev.outpost.ports.storage.StoreFixtures.complete;
import static dev.outpost.ports.storage.StoreFixtures.queued;
import static dev.outpost.ports.storage.StoreFixtures.sessionsInEveryState;
import static dev.outpost.ports.storage.StoreFixtures.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving from H2 to PostgreSQL: everything the ports can list arrives, tokens re-sealed with the target's key. */
class StorageCopyTest {
    @TempDir
    Path dataDir;

    @Test
    void copiesAnH2StorageIntoPostgres() {
        FakeClock clock = FakeClock.standard();
        try (Stores h2 = TestStores.h2(dataDir.resolve("h2"), clock);
                Stores pg = TestStores.postgres(dataDir.resolve("pg"),
                        TestPostgres.newDatabase(), clock)) {
            Account alice = account("1", "alice");
            Account bob = account("2", "bob");
            h2.accounts().save(alice);
            h2.accounts().save(bob);
            h2.tokens().put(alice.id(), tokens("alice"));
            h2.tokens().put(alice.id(), tokens("alice-rotated"));
            sessionsInEveryState().values().forEach(h2.uploads()::save);
            Publication waiting = h2.publications().create(queued("waiting", "1", T0.minusSeconds(60)));
            Publication unconfirmed = h2.publications().create(complete("unconfirmed"));
            Publication published = h2.publications().update(h2.publications().create(complete("done"))
                    .published("1999", T0.plusSeconds(5))).orElseThrow();

            StorageCopy.Result result = StorageCopy.copy(h2, pg);

            assertThat(result).isEqualTo(new StorageCopy.Result(2, 1, h2.uploads().listUnfinished().size(), 3, 0,
                    2));
            assertThat(pg.accounts().list()).containsExactly(alice, bob);
            assertThat(pg.tokens().find(alice.id())).contains(tokens("alice-rotated").withVersion(1));
            assertThat(pg.tokens().find(bob.id())).isEmpty();
            List<UploadSession> unfinished = h2.uploads().listUnfinished();
            assertThat(pg.uploads().listUnfinished()).containsExactlyElementsOf(unfinished);
            assertThat(pg.publications().list(PublicationStore.Query.all()))
                    .containsExactlyInAnyOrder(waiting, unconfirmed.withVersion(1), published.withVersion(1));

            // The unfinished publications are queued again in PostgreSQL; the published one is not.
            List<PublicationId> ran = new CopyOnWriteArrayList<>();
            clock.advance(java.time.Duration.ofHours(1));
            pg.jobs().start(ran::add);
            Await.until("the copied jobs ran", () -> ran.size() >= 2);
            assertThat(ran).containsExactlyInAnyOrder(waiting.id(), unconfirmed.id());

            StorageCopy.Result again = StorageCopy.copy(h2, pg);
            assertThat(again.publications()).isZero();
            assertThat(again.skippedPublications()).isEqualTo(3);
        }
    }
}
