package dev.outpost.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.account;
import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.accountOnServer;
import static dev.outpost.ports.storage.StoreFixtures.checkpointsOfEveryKind;
import static dev.outpost.ports.storage.StoreFixtures.complete;
import static dev.outpost.ports.storage.StoreFixtures.pendingWithState;
import static dev.outpost.ports.storage.StoreFixtures.queued;
import static dev.outpost.ports.storage.StoreFixtures.remotePost;
import static dev.outpost.ports.storage.StoreFixtures.tokens;
import static dev.outpost.ports.storage.StoreFixtures.tokensWithExtra;
import dev.outpost.ports.storage.StoreFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.SessionStore.StoredSession;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory of the H2 days moves to SQLite at the first open, with nothing lost: sealed tokens (with and
 * without the plugin's state) still open with the same key, a sign-in in progress still completes, every upload
 * checkpoint (an interrupted upload among them) resumes, publications keep every field and claim, the plugins'
 * secrets stay, the web app's sessions (signed in or not, a message waiting) keep people signed in, and a job that
 * was queued still runs.
 */
class H2ImportTest {
    private static final AccountId ALICE = accountId("42");
    private static final AccountId BOB = AccountId.of("example", "109");
    private static final String SIGNED_IN = "a".repeat(64);
    private static final String ANONYMOUS = "0123456789abcdef".repeat(4);
    private static final PublicationStore.Query ALL = PublicationStore.Query.all();

    @TempDir
    Path home;

    /** What the H2 database held, read back through the ports before the move. */
    private record Snapshot(List<Account> accounts, Map<AccountId, TokenSet> tokens, String secret,
            Map<String, Optional<UploadCheckpoint>> uploads, List<UploadCheckpoint> unfinished,
            List<Publication> publications, Optional<String> claim, List<Optional<StoredSession>> sessions) {
    }

    @Test
    void aPopulatedH2HomeMovesToSqliteWithNothingLost() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        PendingAuthorization signIn = pendingWithState("example", now.plus(Duration.ofMinutes(10)));
        PublicationId due = new PublicationId("p-due");
        Snapshot before;
        try (Stores h2 = TestStores.h2(home, clock)) {
            before = populate(h2, signIn, due, now);
        }
        assertThat(home.resolve("outpost.mv.db")).isRegularFile();

        List<PublicationId> ran = new CopyOnWriteArrayList<>();
        try (Stores sqlite = TestStores.sqlite(home, clock)) {
            assertThat(snapshot(sqlite, before.uploads().keySet(), now)).isEqualTo(before);
            assertThat(before.sessions()).allMatch(Optional::isPresent);
            assertThat(sqlite.sessions().takeFlash(SIGNED_IN)).contains("Posted.");
            assertThat(sqlite.publications().group(new dev.outpost.domain.post.GroupId("g-thread")))
                    .extracting(p -> p.id().value(), Publication::follows).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("p-thread-0", null),
                            org.assertj.core.groups.Tuple.tuple("p-thread-1", new PublicationId("p-thread-0")),
                            org.assertj.core.groups.Tuple.tuple("p-thread-2", new PublicationId("p-thread-1")));
            assertThat(sqlite.publications().follower(new PublicationId("p-thread-0")))
                    .map(p -> p.id().value()).contains("p-thread-1");
            assertThat(sqlite.savedDrafts().find("d-1")).map(d -> d.content())
                    .contains("{\"text\":\"Launch day é\"}");
            assertThat(sqlite.tokens().find(ALICE).orElseThrow().accessToken()).isEqualTo(tokens("a2").accessToken());
            assertThat(sqlite.pendingAuthorizations().take(signIn.state(), now)).contains(signIn);
            // The queue's due time came across: the job runs.
            sqlite.jobs().start(ran::add);
            Await.until("the publication queued under H2 ran", () -> ran.contains(due));
        }
        assertThat(home.resolve("outpost.db")).isRegularFile();
        assertThat(home.resolve("outpost.mv.db")).doesNotExist();
        assertThat(home.resolve("outpost-h2-backup.mv.db")).isRegularFile();
        assertThat(home.resolve("outpost.db.new")).doesNotExist();

        // Later opens use the SQLite file alone.
        try (Stores again = TestStores.sqlite(home, clock)) {
            assertThat(again.accounts().list()).isEqualTo(before.accounts());
        }
        assertThat(files()).filteredOn(name -> name.contains("backup")).containsExactly("outpost-h2-backup.mv.db");
    }

    @Test
    void anH2DatabaseAnOlderOutpostStillServesIsLeftAloneWithAMessageAndMovedOnceItStopped() throws Exception {
        Clock clock = Clock.systemUTC();
        try (Child older = Child.start(CrashingInstance.class, "h2", home.toString(), "scheduled", "p-older", "60000")) {
            Await.until("the older process opened H2", () -> older.lines().contains("SCHEDULED p-older"));
            assertThatThrownBy(() -> TestStores.sqlite(home, clock))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("in use by another process")
                    .hasMessageContaining("Nothing was changed");
            assertThat(home.resolve("outpost.db")).doesNotExist();
            assertThat(home.resolve("outpost.db.new")).doesNotExist();
            assertThat(home.resolve("outpost.mv.db")).isRegularFile();
            older.kill(); // stopped, or killed: its lock file stays behind and H2 sees it is stale
        }
        try (Stores sqlite = TestStores.sqlite(home, clock)) {
            assertThat(sqlite.publications().find(new PublicationId("p-older"))).isPresent();
        }
    }

    @Test
    void aMoveCutShortLeavesTheH2FileInPlaceAndIsDoneAgain() throws IOException {
        Clock clock = Clock.systemUTC();
        try (Stores h2 = TestStores.h2(home, clock)) {
            h2.accounts().save(account("42", "alice"));
        }
        // What a run killed halfway through preparing the new database leaves behind.
        Files.writeString(home.resolve("outpost.db.new"), "half a database");
        Files.writeString(home.resolve("outpost.db.new-journal"), "half a journal");

        try (Stores sqlite = TestStores.sqlite(home, clock)) {
            assertThat(sqlite.accounts().list()).extracting(Account::handle).containsExactly("alice");
        }
        assertThat(files()).doesNotContain("outpost.db.new", "outpost.db.new-journal", "outpost.mv.db");
    }

    private Snapshot populate(Stores h2, PendingAuthorization signIn, PublicationId due, Instant now) {
        h2.accounts().save(account("42", "alice"));
        h2.accounts().save(accountOnServer("109", "bob", "https://social.example"));
        h2.tokens().put(ALICE, tokens("a"));
        h2.tokens().compareAndSwap(ALICE, 1, tokens("a2")).orElseThrow();
        h2.tokens().put(BOB, tokensWithExtra("b"));
        h2.secrets().put("example", "client:https://social.example", "{\"client_id\":\"c-1\",\"secret\":\"é\"}");
        h2.pendingAuthorizations().save(signIn);
        Map<String, UploadCheckpoint> checkpoints = checkpointsOfEveryKind();
        checkpoints.values().forEach(h2.uploads()::save);

        Publication unconfirmed = h2.publications().create(complete("p-unconfirmed"));
        h2.publications().claim(unconfirmed.id(), "cli@host:4242", now, Duration.ofMinutes(5));
        Publication published = h2.publications().create(queued("p-published", "42", T0.plusSeconds(1)));
        published = published.publishing(PublishIntent.of("post p-published", List.of("m-1"), T0.plusSeconds(2), 1),
                T0.plusSeconds(2));
        published = h2.publications().update(published).orElseThrow();
        h2.publications().update(published.published(remotePost("1999"), T0.plusSeconds(3))).orElseThrow();
        Publication failed = h2.publications().create(queued("p-failed", "109", T0.plusSeconds(4)));
        h2.publications().update(failed.failed("X refused this text as a duplicate", T0.plusSeconds(5)))
                .orElseThrow();
        h2.publications().create(queued(due.value(), "42", now));
        h2.jobs().schedule(due, now.plusSeconds(1));
        // A thread of three in a group, its first post published (what a resume continues from), and a saved draft.
        List<Publication> thread = h2.publications().createAll(StoreFixtures.thread(
                new dev.outpost.domain.post.GroupId("g-thread"), "p-thread", "42", 3));
        h2.publications().update(thread.get(0).publishing(PublishIntent.of("post 0 of p-thread", List.of(),
                T0.plusSeconds(8), 1), T0.plusSeconds(8)).published(remotePost("2000"), T0.plusSeconds(9)))
                .orElseThrow();
        h2.savedDrafts().save(new dev.outpost.ports.storage.SavedDraft("d-1", "Launch day",
                "{\"text\":\"Launch day é\"}", T0.plusSeconds(10)));
        h2.sessions().save(new StoredSession(SIGNED_IN, "web-1", "csrf-1", true, T0.plusSeconds(6), "Posted."));
        h2.sessions().save(new StoredSession(ANONYMOUS, "web-2", "csrf-2", false, T0.plusSeconds(7), null));
        return snapshot(h2, checkpoints.keySet().stream().map(name -> checkpoints.get(name).id().value()).toList(),
                now);
    }

    private static Snapshot snapshot(Stores stores, java.util.Collection<String> uploadIds, Instant now) {
        Map<AccountId, TokenSet> tokens = new HashMap<>();
        for (Account account : stores.accounts().list()) {
            stores.tokens().find(account.id()).ifPresent(t -> tokens.put(account.id(), t));
        }
        Map<String, Optional<UploadCheckpoint>> uploads = new HashMap<>();
        for (String id : uploadIds) {
            uploads.put(id, stores.uploads().find(new dev.outpost.domain.upload.UploadId(id)));
        }
        return new Snapshot(stores.accounts().list(), tokens,
                stores.secrets().get("example", "client:https://social.example").orElseThrow(), uploads,
                stores.uploads().listUnfinished(), stores.publications().list(ALL),
                stores.publications().claimHolder(new PublicationId("p-unconfirmed"), now),
                List.of(stores.sessions().find(SIGNED_IN), stores.sessions().find(ANONYMOUS)));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(home)) {
            return new ArrayList<>(list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
