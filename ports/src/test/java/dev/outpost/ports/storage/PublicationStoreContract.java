package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.complete;
import static dev.outpost.ports.storage.StoreFixtures.queued;
import static dev.outpost.ports.storage.StoreFixtures.remotePost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.post.RemotePost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link PublicationStore} does; extend it with a fresh, empty store per test. */
public abstract class PublicationStoreContract {
    private static final Duration LEASE = Duration.ofMinutes(5);

    /** A store with no publications; called once per test. */
    protected abstract PublicationStore publicationStore();

    @Test
    void createStoresVersionOneAndFindReturnsItExactly() {
        PublicationStore store = publicationStore();
        Publication p = queued("p1", "42", T0);

        Publication created = store.create(p);

        assertThat(created).isEqualTo(p.withVersion(1));
        assertThat(store.find(p.id())).contains(created);
        assertThat(store.find(new PublicationId("nope"))).isEmpty();
    }

    @Test
    void everyFieldRoundTrips() {
        PublicationStore store = publicationStore();
        Publication full = complete("p-full");
        assertThat(full.intent()).isNotNull();
        assertThat(full.draft().media()).hasSize(2);

        store.create(full);

        Publication found = store.find(full.id()).orElseThrow();
        assertThat(found).isEqualTo(full.withVersion(1));
        assertThat(found.draft().media().get(0).altText()).isEqualTo("A cat, sleeping");
        assertThat(found.draft().media().get(1).altText()).isNull();
        assertThat(found.draft().media().get(0).focus()).isEqualTo(new dev.outpost.domain.post.FocalPoint(0.125,
                -0.75));
        assertThat(found.draft().media().get(1).focus()).isNull();
        assertThat(found.intent().mediaIds()).containsExactly("m,1", "m2");
        assertThat(found.idempotencyKey()).isEqualTo(full.idempotencyKey());
        assertThat(found.draft().replyTo()).isEqualTo(full.draft().replyTo());
        assertThat(found.draft().options()).containsExactlyEntriesOf(full.draft().options());
    }

    @Test
    void aDraftWithoutOptionsOrReplyHasNone() {
        PublicationStore store = publicationStore();
        Publication plain = store.create(queued("p1", "42", T0));

        Publication found = store.find(plain.id()).orElseThrow();
        assertThat(found.draft().options()).isEmpty();
        assertThat(found.draft().replyTo()).isNull();
        assertThat(found.idempotencyKey()).isEqualTo("key-p1");
        assertThat(found.remote()).isNull();
    }

    @Test
    void aPublishedPublicationKeepsItsPost() {
        PublicationStore store = publicationStore();
        Publication created = store.create(complete("p1"));
        Publication published = created.published(remotePost("1777"), T0.plusSeconds(9));

        assertThat(store.update(published)).contains(published.withVersion(2));
        Publication found = store.find(created.id()).orElseThrow();
        assertThat(found.remotePostId()).isEqualTo("1777");
        assertThat(found.remote()).isEqualTo(remotePost("1777"));
        assertThat(found.remote().url()).isEqualTo(URI.create("https://social.example/@alice/1777"));
        assertThat(found.remote().replyRef()).isEqualTo("ref:1777|cid-9");
    }

    @Test
    void aPostWithoutLinkNorReplyReferenceComesBackAsOnlyItsId() {
        PublicationStore store = publicationStore();
        Publication created = store.create(complete("p1"));
        Publication published = store.update(created.published(new RemotePost("1888", null, null),
                T0.plusSeconds(9))).orElseThrow();

        RemotePost post = store.find(created.id()).orElseThrow().remote();
        assertThat(post).isEqualTo(published.remote());
        assertThat(post.url()).isNull();
        assertThat(post.replyRef()).isEqualTo("1888");
    }

    @Test
    void theIdempotencyKeyNeverChangesThroughUpdates() {
        PublicationStore store = publicationStore();
        Publication created = store.create(complete("p1"));
        Publication published = store.update(created.published(remotePost("1"), T0.plusSeconds(3))).orElseThrow();

        assertThat(published.idempotencyKey()).isEqualTo(created.idempotencyKey());
        assertThat(store.find(created.id()).orElseThrow().idempotencyKey()).isEqualTo(created.idempotencyKey());
    }

    @Test
    void creatingAnExistingIdIsRefused() {
        PublicationStore store = publicationStore();
        store.create(queued("p1", "42", T0));
        assertThatThrownBy(() -> store.create(queued("p1", "43", T0))).isInstanceOf(IllegalStateException.class);
        assertThat(store.find(new PublicationId("p1")).orElseThrow().account()).isEqualTo(accountId("42"));
    }

    @Test
    void updateWithTheStoredVersionWinsAndIncrementsIt() {
        PublicationStore store = publicationStore();
        Publication created = store.create(queued("p1", "42", T0));
        Publication next = created.moveTo(PublicationState.UPLOADING, T0.plusSeconds(1));

        Optional<Publication> updated = store.update(next);

        assertThat(updated).contains(next.withVersion(2));
        assertThat(store.find(created.id())).contains(next.withVersion(2));
    }

    @Test
    void updateWithAStaleVersionLosesAndChangesNothing() {
        PublicationStore store = publicationStore();
        Publication created = store.create(queued("p1", "42", T0));
        Publication winner = store.update(created.moveTo(PublicationState.UPLOADING, T0.plusSeconds(1)))
                .orElseThrow();

        assertThat(store.update(created.moveTo(PublicationState.CANCELLED, T0.plusSeconds(2)))).isEmpty();
        assertThat(store.find(created.id())).contains(winner);
    }

    @Test
    void updateOfAnUnknownPublicationFindsNothing() {
        assertThat(publicationStore().update(queued("ghost", "42", T0).withVersion(1))).isEmpty();
    }

    @Test
    void ofConcurrentUpdatesFromOneVersionExactlyOneWins() throws Exception {
        PublicationStore store = publicationStore();
        Publication created = store.create(queued("p1", "42", T0));

        List<Optional<Publication>> results = Concurrently.run(8, i -> store.update(
                created.moveTo(PublicationState.FAILED, T0.plusSeconds(i))));

        List<Publication> winners = results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(store.find(created.id())).contains(winners.get(0));
    }

    @Test
    void aClaimIsHeldByOneWorkerUntilReleased() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();

        assertThat(store.claim(id, "worker-a", T0, LEASE)).isTrue();
        assertThat(store.claim(id, "worker-b", T0.plusSeconds(1), LEASE)).isFalse();

        store.release(id, "worker-b"); // not the holder: nothing happens
        assertThat(store.claim(id, "worker-b", T0.plusSeconds(2), LEASE)).isFalse();

        store.release(id, "worker-a");
        assertThat(store.claim(id, "worker-b", T0.plusSeconds(3), LEASE)).isTrue();
    }

    @Test
    void theHolderMayRenewItsClaim() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        store.claim(id, "worker-a", T0, LEASE);

        assertThat(store.claim(id, "worker-a", T0.plus(Duration.ofMinutes(4)), LEASE)).isTrue();
        // Renewed at minute 4, so at minute 6 it still holds.
        assertThat(store.claim(id, "worker-b", T0.plus(Duration.ofMinutes(6)), LEASE)).isFalse();
    }

    @Test
    void aClaimIsFreeAgainOnceItsLeasePassed() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        store.claim(id, "worker-a", T0, LEASE);

        assertThat(store.claim(id, "worker-b", T0.plus(LEASE).minusNanos(1), LEASE)).isFalse();
        assertThat(store.claim(id, "worker-b", T0.plus(LEASE), LEASE)).isTrue();
        assertThat(store.claim(id, "worker-a", T0.plus(LEASE), LEASE)).isFalse();
    }

    @Test
    void anUnknownPublicationCannotBeClaimed() {
        assertThat(publicationStore().claim(new PublicationId("ghost"), "worker-a", T0, LEASE)).isFalse();
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();

        List<Boolean> results = Concurrently.run(8, i -> store.claim(id, "worker-" + i, T0, LEASE));

        assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
    }

    @Test
    void theClaimHolderIsWhoeverHoldsAnUnexpiredClaim() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        assertThat(store.claimHolder(id, T0)).isEmpty();

        store.claim(id, "cli@host-a:41", T0, LEASE);

        assertThat(store.claimHolder(id, T0.plus(LEASE).minusNanos(1))).contains("cli@host-a:41");
        assertThat(store.claimHolder(id, T0.plus(LEASE))).isEmpty();
        store.release(id, "cli@host-a:41");
        assertThat(store.claimHolder(id, T0.plusSeconds(1))).isEmpty();
        assertThat(store.claimHolder(new PublicationId("ghost"), T0)).isEmpty();
    }

    @Test
    void aClaimIsTakenOverOnlyFromItsCurrentHolder() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        store.claim(id, "worker-dead", T0, LEASE);

        assertThat(store.takeOver(id, "worker-other", "worker-b", T0.plusSeconds(1), LEASE)).isFalse();
        assertThat(store.claimHolder(id, T0.plusSeconds(1))).contains("worker-dead");

        assertThat(store.takeOver(id, "worker-dead", "worker-b", T0.plusSeconds(1), LEASE)).isTrue();
        assertThat(store.claimHolder(id, T0.plusSeconds(1))).contains("worker-b");
        // The new holder's lease runs from the take-over, and the old holder cannot claim it back.
        assertThat(store.claimHolder(id, T0.plus(LEASE).plusSeconds(1).minusNanos(1))).contains("worker-b");
        assertThat(store.claim(id, "worker-dead", T0.plusSeconds(2), LEASE)).isFalse();
        assertThat(store.takeOver(id, "worker-dead", "worker-c", T0.plusSeconds(2), LEASE)).isFalse();
        assertThat(store.claim(id, "worker-b", T0.plusSeconds(3), LEASE)).isTrue();
    }

    @Test
    void aLapsedClaimIsTakenOverFromItsHolderUnlessSomeoneClaimedItMeanwhile() {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        store.claim(id, "worker-dead", T0, LEASE);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(store.takeOver(id, "worker-dead", "worker-b", later, LEASE)).isTrue();

        store.release(id, "worker-b");
        assertThat(store.takeOver(id, "worker-b", "worker-c", later, LEASE)).isFalse();
        assertThat(store.claimHolder(id, later)).isEmpty();
        assertThat(store.takeOver(new PublicationId("ghost"), "worker-b", "worker-c", later, LEASE)).isFalse();
    }

    @Test
    void ofConcurrentTakeOversFromOneHolderExactlyOneWins() throws Exception {
        PublicationStore store = publicationStore();
        PublicationId id = store.create(queued("p1", "42", T0)).id();
        store.claim(id, "worker-dead", T0, LEASE);

        List<Boolean> results = Concurrently.run(8, i -> store.takeOver(id, "worker-dead", "worker-" + i,
                T0.plusSeconds(1), LEASE));

        assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
        int winner = results.indexOf(true);
        assertThat(store.claimHolder(id, T0.plusSeconds(1))).contains("worker-" + winner);
    }

    @Test
    void updatesLeaveTheClaimAlone() {
        PublicationStore store = publicationStore();
        Publication created = store.create(queued("p1", "42", T0));
        store.claim(created.id(), "worker-a", T0, LEASE);

        store.update(created.moveTo(PublicationState.UPLOADING, T0.plusSeconds(1))).orElseThrow();

        assertThat(store.claim(created.id(), "worker-b", T0.plusSeconds(2), LEASE)).isFalse();
    }

    @Test
    void listIsNewestFirstAndFiltersByStateAndAccount() {
        PublicationStore store = publicationStore();
        Publication oldest = store.create(queued("p1", "42", T0));
        Publication middle = store.create(queued("p2", "43", T0.plusSeconds(1)));
        Publication newest = store.create(queued("p3", "42", T0.plusSeconds(2)));
        Publication failed = store.update(middle.moveTo(PublicationState.FAILED, T0.plusSeconds(3))).orElseThrow();

        assertThat(store.list(PublicationStore.Query.all())).containsExactly(newest, failed, oldest);
        assertThat(store.list(PublicationStore.Query.inStates(Set.of(PublicationState.QUEUED))))
                .containsExactly(newest, oldest);
        assertThat(store.list(PublicationStore.Query.inStates(
                Set.of(PublicationState.FAILED, PublicationState.PUBLISHED)))).containsExactly(failed);
        assertThat(store.list(new PublicationStore.Query(Set.of(), accountId("42"), 10)))
                .containsExactly(newest, oldest);
        assertThat(store.list(new PublicationStore.Query(Set.of(PublicationState.FAILED), accountId("42"), 10)))
                .isEmpty();
        assertThat(store.list(new PublicationStore.Query(Set.of(), null, 2))).containsExactly(newest, failed);
    }

    @Test
    void publicationsCreatedAtTheSameInstantListNewestCreatedFirst() {
        PublicationStore store = publicationStore();
        Publication first = store.create(queued("b-first", "42", T0));
        Publication second = store.create(queued("a-second", "42", T0));

        assertThat(store.list(PublicationStore.Query.all())).containsExactly(second, first);
    }

    @Test
    void mediaFileNamesNameEveryPublicationsFilesWhateverTheirFolderOrState() {
        PublicationStore store = publicationStore();
        Path uploads = Path.of("/srv/out_post/uploads");
        Publication queued = Publication.queue(new PublicationId("m-queued"), accountId("42"), Draft.of("q",
                List.of(attachment(uploads.resolve("a.png")), attachment(Path.of("/home/user/elsewhere.png")))),
                "key-m-queued", T0);
        Publication published = Publication.queue(new PublicationId("m-published"), accountId("42"), Draft.of("p",
                List.of(attachment(uploads.resolve("b.jpg")), attachment(uploads.resolve("inner/c.png")))),
                "key-m-published", T0);
        Publication elsewhere = Publication.queue(new PublicationId("m-elsewhere"), accountId("42"), Draft.of("l",
                List.of(attachment(Path.of("/srv/outXpost/uploads/d.png")))), "key-m-elsewhere", T0);
        store.create(queued);
        Publication stored = store.create(published);
        store.update(stored.publishing(PublishIntent.of("p", List.of("m1"), T0, 1), T0).published(remotePost("9"),
                T0.plusSeconds(1))).orElseThrow();
        store.create(elsewhere);

        assertThat(store.mediaFileNames()).containsExactlyInAnyOrder("a.png", "elsewhere.png", "b.jpg", "c.png",
                "d.png");
    }

    private static MediaAttachment attachment(Path path) {
        return new MediaAttachment(new MediaFile(path, MediaType.PNG, new FileFingerprint(10, T0,
                StoreFixtures.sha256('b'))), null);
    }
}
