package dev.outpost.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.account;
import static dev.outpost.ports.storage.StoreFixtures.accountOnServer;
import static dev.outpost.ports.storage.StoreFixtures.checkpointsOfEveryKind;
import static dev.outpost.ports.storage.StoreFixtures.complete;
import static dev.outpost.ports.storage.StoreFixtures.queued;
import static dev.outpost.ports.storage.StoreFixtures.remotePost;
import static dev.outpost.ports.storage.StoreFixtures.tokens;
import static dev.outpost.ports.storage.StoreFixtures.tokensWithExtra;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving from H2 to PostgreSQL: everything the ports can list arrives, and the plugins' secrets; tokens and secrets
 * re-sealed with the target's key.
 */
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
            Account carol = accountOnServer("social.example:3", "carol", "https://social.example");
            h2.accounts().save(alice);
            h2.accounts().save(bob);
            h2.accounts().save(carol);
            h2.tokens().put(alice.id(), tokens("alice"));
            h2.tokens().put(alice.id(), tokens("alice-rotated"));
            h2.tokens().put(carol.id(), tokensWithExtra("carol"));
            h2.secrets().put("example", "client:social.example", "{\"id\":\"c1\",\"secret\":\"s1\"}");
            h2.secrets().put("other", "client:social.example", "other's");
            checkpointsOfEveryKind().values().forEach(h2.uploads()::save);
            Publication waiting = h2.publications().create(queued("waiting", "1", T0.minusSeconds(60)));
            Publication unconfirmed = h2.publications().create(complete("unconfirmed"));
            Publication published = h2.publications().update(h2.publications().create(complete("done"))
                    .published(remotePost("1999"), T0.plusSeconds(5))).orElseThrow();

            StorageCopy.Result result = StorageCopy.copy(h2, pg);

            List<UploadCheckpoint> unfinished = h2.uploads().listUnfinished();
            assertThat(unfinished).hasSize(checkpointsOfEveryKind().size() - 1);
            assertThat(result).isEqualTo(new StorageCopy.Result(3, 2, 2, unfinished.size(), 3, 0, 2));
            assertThat(pg.accounts().list()).containsExactly(carol, alice, bob);
            assertThat(pg.tokens().find(alice.id())).contains(tokens("alice-rotated").withVersion(1));
            assertThat(pg.tokens().find(carol.id())).contains(tokensWithExtra("carol").withVersion(1));
            assertThat(pg.tokens().find(bob.id())).isEmpty();
            assertThat(pg.secrets().get("example", "client:social.example"))
                    .contains("{\"id\":\"c1\",\"secret\":\"s1\"}");
            assertThat(pg.secrets().get("other", "client:social.example")).contains("other's");
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
