package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.queued;
import static dev.outpost.ports.storage.StoreFixtures.remotePost;
import static dev.outpost.ports.storage.StoreFixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Placement;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PublicationStore} does with groups and threads (cross-posts, reply chains); extend it with a fresh,
 * empty store per test.
 */
public abstract class PublicationGroupContract {
    private static final GroupId GROUP = GroupId.of("g-7f3a");

    /** A store with no publications; called once per test. */
    protected abstract PublicationStore publicationStore();

    private static List<Publication> crossPostedThread() {
        List<Publication> all = new ArrayList<>(thread(GROUP, "b", "43", 3));
        all.addAll(thread(GROUP, "a", "42", 3));
        return all;
    }

    @Test
    void createAllStoresEveryOneWithVersionOneAndItsPlacement() {
        PublicationStore store = publicationStore();
        List<Publication> all = crossPostedThread();

        List<Publication> created = store.createAll(all);

        assertThat(created).containsExactlyElementsOf(all.stream().map(p -> p.withVersion(1)).toList());
        Publication third = store.find(new PublicationId("a-2")).orElseThrow();
        assertThat(third.placement()).isEqualTo(new Placement(GROUP, 2, new PublicationId("a-1")));
        assertThat(store.find(new PublicationId("a-0")).orElseThrow().placement())
                .isEqualTo(new Placement(GROUP, 0, null));
    }

    @Test
    void createAllStoresNothingWhenOneIdExists() {
        PublicationStore store = publicationStore();
        store.create(queued("a-1", "42", T0));

        assertThatThrownBy(() -> store.createAll(thread(GROUP, "a", "42", 3)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.find(new PublicationId("a-0"))).isEmpty();
        assertThat(store.find(new PublicationId("a-2"))).isEmpty();
        assertThat(store.group(GROUP)).isEmpty();
    }

    @Test
    void createAllStoresNothingWhenAnIdRepeats() {
        PublicationStore store = publicationStore();
        List<Publication> twice = List.of(queued("p1", "42", T0), queued("p2", "42", T0), queued("p1", "43", T0));

        assertThatThrownBy(() -> store.createAll(twice)).isInstanceOf(IllegalStateException.class);

        assertThat(store.list(PublicationStore.Query.all())).isEmpty();
    }

    @Test
    void groupListsEveryPublicationByAccountThenItemAndNothingElse() {
        PublicationStore store = publicationStore();
        store.createAll(crossPostedThread());
        store.createAll(thread(GroupId.of("other"), "c", "41", 2));
        store.create(queued("alone", "41", T0));

        assertThat(store.group(GROUP)).extracting(p -> p.id().value())
                .containsExactly("a-0", "a-1", "a-2", "b-0", "b-1", "b-2");
        assertThat(store.group(GroupId.of("unknown"))).isEmpty();
    }

    @Test
    void aPlacementSurvivesEveryChange() {
        PublicationStore store = publicationStore();
        Publication second = store.createAll(thread(GROUP, "a", "42", 2)).get(1);

        Publication cancelled = store.update(second.moveTo(PublicationState.CANCELLED, T0.plusSeconds(1)))
                .orElseThrow();

        assertThat(cancelled.placement()).isEqualTo(second.placement());
        assertThat(store.find(second.id()).orElseThrow()).isEqualTo(cancelled);
    }

    @Test
    void followerIsTheNextPostOfTheSameChain() {
        PublicationStore store = publicationStore();
        store.createAll(crossPostedThread());

        assertThat(store.follower(new PublicationId("a-0"))).map(p -> p.id().value()).contains("a-1");
        assertThat(store.follower(new PublicationId("b-1"))).map(p -> p.id().value()).contains("b-2");
        assertThat(store.follower(new PublicationId("a-2"))).isEmpty();
        assertThat(store.follower(new PublicationId("nope"))).isEmpty();
    }

    @Test
    void listFiltersByGroup() {
        PublicationStore store = publicationStore();
        store.createAll(crossPostedThread());
        store.create(queued("alone", "42", T0));

        List<Publication> inGroup = store.list(new PublicationStore.Query(Set.of(), null, 100, GROUP));
        List<Publication> aliceInGroup = store.list(new PublicationStore.Query(Set.of(), StoreFixtures.accountId("42"),
                100, GROUP));

        assertThat(inGroup).hasSize(6).allMatch(p -> GROUP.equals(p.group()));
        assertThat(aliceInGroup).extracting(p -> p.id().value()).containsExactlyInAnyOrder("a-0", "a-1", "a-2");
        assertThat(store.list(PublicationStore.Query.all())).hasSize(7);
    }

    @Test
    void replaceQueuedSwapsTheWholeGroup() {
        PublicationStore store = publicationStore();
        List<Publication> old = store.createAll(crossPostedThread());
        List<Publication> next = thread(GROUP, "c", "44", 2);

        assertThat(store.replaceQueued(old, next)).isTrue();

        assertThat(store.group(GROUP)).extracting(p -> p.id().value()).containsExactly("c-0", "c-1");
        assertThat(store.find(new PublicationId("a-0"))).isEmpty();
        assertThat(store.find(new PublicationId("c-1")).orElseThrow().version()).isEqualTo(1);
        assertThat(store.follower(new PublicationId("a-0"))).isEmpty();
    }

    @Test
    void replaceQueuedChangesNothingWhenOneWasChangedMeanwhile() {
        PublicationStore store = publicationStore();
        List<Publication> old = store.createAll(crossPostedThread());
        store.update(old.get(4)).orElseThrow();

        assertThat(store.replaceQueued(old, thread(GROUP, "c", "44", 2))).isFalse();

        assertThat(store.group(GROUP)).hasSize(6);
        assertThat(store.find(new PublicationId("c-0"))).isEmpty();
    }

    @Test
    void replaceQueuedChangesNothingWhenOneStarted() {
        PublicationStore store = publicationStore();
        List<Publication> old = store.createAll(thread(GROUP, "a", "42", 2));
        Publication started = store.update(old.get(0).moveTo(PublicationState.UPLOADING, T0.plusSeconds(1)))
                .orElseThrow();
        List<Publication> current = List.of(started, old.get(1));

        assertThat(store.replaceQueued(current, thread(GROUP, "c", "44", 1))).isFalse();

        assertThat(store.group(GROUP)).extracting(p -> p.id().value()).containsExactly("a-0", "a-1");
    }

    @Test
    void replaceQueuedChangesNothingWhenOneWasPublishedOrIsGone() {
        PublicationStore store = publicationStore();
        List<Publication> old = store.createAll(thread(GROUP, "a", "42", 2));
        Publication sending = store.update(old.get(0).publishing(dev.outpost.domain.post.PublishIntent.of("x",
                List.of(), T0, 1), T0)).orElseThrow();
        store.update(sending.published(remotePost("1"), T0)).orElseThrow();

        assertThat(store.replaceQueued(old, thread(GROUP, "c", "44", 1))).isFalse();
        assertThat(store.replaceQueued(List.of(queued("ghost", "42", T0).withVersion(1)),
                thread(GROUP, "d", "44", 1))).isFalse();

        assertThat(store.group(GROUP)).extracting(p -> p.id().value()).containsExactly("a-0", "a-1");
    }

    @Test
    void replaceQueuedChangesNothingWhenANewIdExists() {
        PublicationStore store = publicationStore();
        List<Publication> old = store.createAll(thread(GROUP, "a", "42", 2));
        store.create(queued("c-0", "44", T0));

        assertThat(store.replaceQueued(old, thread(GROUP, "c", "44", 2))).isFalse();

        assertThat(store.group(GROUP)).extracting(p -> p.id().value()).containsExactly("a-0", "a-1");
    }
}
