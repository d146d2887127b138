package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.FakePost;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import dev.outpost.ports.storage.ForwardingPublicationStore;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.memory.InMemoryJobQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-posts and threads (issue 16) over the three shapes of platform at once: each target its own publication,
 * each post of a thread its own publication replying to the one before, validated whole before anything is stored.
 */
class GroupsAndThreadsTest {
    @TempDir
    Path dir;

    private static List<ComposeInput.Item> items(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> ComposeInput.Item.of("post " + i + " of " + count))
                .toList();
    }

    private static ComposeInput compose(List<ComposeInput.Target> targets, List<ComposeInput.Item> items,
            Instant at) {
        return new ComposeInput(targets, items, null, at, Map.of());
    }

    /** The posts one platform holds, oldest first. */
    private static List<FakePost> posts(FakePlatform platform) {
        return platform.posts().stream().sorted(java.util.Comparator.comparing(FakePost::createdAt)).toList();
    }

    /** Each post of a chain answers the one before it and names the first as its thread's root. */
    private static void assertChain(FakePlatform platform, List<Publication> chain) {
        String root = chain.get(0).remotePostId();
        for (int i = 1; i < chain.size(); i++) {
            FakePost post = platform.post(chain.get(i).remotePostId()).orElseThrow();
            assertThat(post.inReplyTo()).as("post %d answers post %d", i + 1, i)
                    .isEqualTo(chain.get(i - 1).remotePostId());
            assertThat(post.root()).as("post %d names the thread's root", i + 1).isEqualTo(root);
        }
    }

    @Test
    @DisplayName("G1: a cross-post with an image and alt text to all three shapes is published once on each")
    void crossPostToEveryShape() {
        Crowd crowd = Crowd.all();
        Path image = TestMedia.png(dir, "chart.png", 40, 30).path();
        AccountId bluesky = crowd.account(Shape.BLOBS_AND_RECORDS).id();
        List<ComposeInput.Target> targets = crowd.targets().stream().map(t -> t.account().equals(bluesky)
                ? new ComposeInput.Target(bluesky, Map.of(0, "Shorter, for Bluesky")) : t).toList();

        Group submitted = crowd.core.publications().submitGroup(compose(targets, List.of(new ComposeInput.Item(
                "Launch day, with a chart", List.of(new DraftInput.Attachment(image, "A rising line")))), null));
        crowd.drainJobs();

        Group group = crowd.core.publications().group(submitted.id());
        assertThat(group.state()).isEqualTo(Group.State.PUBLISHED);
        assertThat(group.targets()).hasSize(3);
        assertThat(group.isThread()).isFalse();
        for (Shape shape : Shape.values()) {
            FakePlatform platform = crowd.platform(shape);
            assertThat(platform.posts()).as(shape.name()).hasSize(1);
            assertThat(platform.count(Operation.PUBLISH)).as(shape.name()).isEqualTo(1);
            FakePost post = platform.posts().get(0);
            assertThat(post.altTexts()).containsExactly("A rising line");
            assertThat(post.text()).startsWith(shape == Shape.BLOBS_AND_RECORDS ? "Shorter, for Bluesky"
                    : "Launch day, with a chart");
            Publication p = group.chain(crowd.account(shape).id()).get(0).publication();
            assertThat(p.remotePostId()).isEqualTo(post.id());
            assertThat(p.placement().group()).isEqualTo(submitted.id());
        }
    }

    @Test
    @DisplayName("G1b: a thread post's focal point is kept with every target's draft; a bad one is named at its field")
    void focalPointOfAThreadPost() {
        Crowd crowd = Crowd.all();
        Path image = TestMedia.png(dir, "chart.png", 40, 30).path();
        ComposeInput bad = compose(crowd.targets(), List.of(ComposeInput.Item.of("first"), new ComposeInput.Item(
                "second", List.of(new DraftInput.Attachment(image, "A chart", "2,0")))), null);
        assertThat(crowd.core.publications().checkGroup(bad)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("items[1].media[0].focus");
            assertThat(p.message()).startsWith("post 2: chart.png: ").contains("from -1 to 1");
        });

        Group submitted = crowd.core.publications().submitGroup(compose(crowd.targets(), List.of(
                ComposeInput.Item.of("first"), new ComposeInput.Item("second", List.of(
                        new DraftInput.Attachment(image, "A chart", "0.5,-0.25")))), null));

        Group group = crowd.core.publications().group(submitted.id());
        for (Shape shape : Shape.values()) {
            Publication second = group.chain(crowd.account(shape).id()).get(1).publication();
            assertThat(second.draft().media()).singleElement()
                    .satisfies(m -> assertThat(m.focus().text()).isEqualTo("0.5,-0.25"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("G2: one target in a 429 storm fails while the others publish once; retrying it publishes it once")
    void oneTargetRateLimited(Shape failing) {
        Crowd crowd = Crowd.all();
        FakePlatform stormy = crowd.platform(failing);
        stormy.failNext(Operation.PUBLISH, 100, Faults.rateLimited(crowd.clock.instant().plusSeconds(5)));

        Group submitted = crowd.core.publications().submitGroup(compose(crowd.targets(),
                List.of(ComposeInput.Item.of("Everyone at once")), null));
        crowd.drainJobs();

        Group group = crowd.core.publications().group(submitted.id());
        assertThat(group.state()).isEqualTo(Group.State.SOME_FAILED);
        Publication failed = group.chain(crowd.account(failing).id()).get(0).publication();
        assertThat(failed.state()).isEqualTo(PublicationState.FAILED);
        assertThat(stormy.posts()).isEmpty();
        for (Shape other : Shape.values()) {
            if (other != failing) {
                assertThat(crowd.platform(other).posts()).as(other.name()).hasSize(1);
                assertThat(crowd.platform(other).count(Operation.PUBLISH)).as(other.name()).isEqualTo(1);
            }
        }

        stormy.clearFaults();
        crowd.core.publications().resume(failed.id());
        crowd.drainJobs();

        assertThat(crowd.core.publications().group(submitted.id()).state()).isEqualTo(Group.State.PUBLISHED);
        assertThat(stormy.posts()).hasSize(1);
        for (Shape shape : Shape.values()) {
            assertThat(crowd.platform(shape).posts()).as(shape.name()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("G3: one target whose credentials were revoked fails 'reconnect needed'; the others publish once")
    void oneTargetRevoked(Shape failing) {
        Crowd crowd = Crowd.all();
        crowd.platform(failing).revokeTokens();

        Group created = crowd.core.publications().createGroupForImmediateRun(compose(crowd.targets(),
                List.of(ComposeInput.Item.of("Everyone at once")), null));
        List<PublicationRunner.Outcome> outcomes = crowd.core.runner().runGroup(created.id(), true);

        assertThat(outcomes).hasSize(3);
        for (PublicationRunner.Outcome outcome : outcomes) {
            boolean revoked = outcome.publication().account().equals(crowd.account(failing).id());
            assertThat(outcome.publication().state()).isEqualTo(revoked ? PublicationState.FAILED
                    : PublicationState.PUBLISHED);
            if (revoked) {
                assertThat(outcome.failureKind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED);
            }
        }
        assertThat(crowd.platform(failing).posts()).isEmpty();
        for (Shape other : Shape.values()) {
            if (other != failing) {
                assertThat(crowd.platform(other).posts()).as(other.name()).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("T1: a 5-post thread killed after post 2 resumes at post 3: posts 3-5 once each, replying in order")
    void threadKilledAfterPostTwo(Shape shape) {
        Crowd first = Crowd.start(List.of(shape));
        FakePlatform platform = first.platform(shape);
        // The process dies once post 2 is recorded published, before it schedules post 3; its claims stay held.
        PublicationStore dying = new ForwardingPublicationStore(first.stores.publications()) {
            @Override
            public Optional<Publication> follower(PublicationId id) {
                if (find(id).orElseThrow().placement().item() == 1) {
                    throw new IllegalStateException("simulated crash after post 2");
                }
                return super.follower(id);
            }

            @Override
            public void release(PublicationId id, String worker) {
                // A killed process releases nothing.
            }
        };
        Crowd doomed = first.restart(new StoresWithPublications(first.stores, dying), "worker-doomed");
        Group group = doomed.core.publications().submitGroup(compose(doomed.targets(), items(5), null));
        assertThatThrownBy(doomed::drainJobs).hasMessageContaining("simulated crash");
        assertThat(posts(platform)).extracting(FakePost::text).hasSize(2);

        Crowd next = first.restart(first.stores, "worker-next");
        next.clock.advance(Duration.ofMinutes(1));
        next.core.publications().recoverInterrupted();
        next.drainJobs();

        List<Publication> chain = next.core.publications().group(group.id())
                .chain(next.account(shape).id()).stream().map(PublicationDetails::publication).toList();
        assertThat(chain).extracting(Publication::state).containsOnly(PublicationState.PUBLISHED);
        assertThat(posts(platform)).extracting(p -> p.text().substring(0, "post 1 of 5".length()))
                .containsExactly("post 1 of 5", "post 2 of 5", "post 3 of 5", "post 4 of 5", "post 5 of 5");
        assertThat(platform.calls(Operation.PUBLISH)).filteredOn(c -> c.tookEffect()).hasSize(5);
        assertChain(platform, chain);
    }

    @Test
    @DisplayName("T2: a cross-posted thread makes one chain per target; a failed post stops its own chain only, and"
            + " retrying it continues that chain")
    void failedPostStopsItsOwnChain() {
        Crowd crowd = Crowd.all();
        FakePlatform refusing = crowd.platform(Shape.ONE_REQUEST_POLLED);
        refusing.failNextMatching(Operation.PUBLISH, c -> c.text() != null && c.text().startsWith("post 2 of 3"),
                Faults.invalidRequest("scripted refusal of post 2"), false);

        Group group = crowd.core.publications().submitGroup(compose(crowd.targets(), items(3), null));
        crowd.drainJobs();

        AccountId mastodon = crowd.account(Shape.ONE_REQUEST_POLLED).id();
        Group after = crowd.core.publications().group(group.id());
        assertThat(after.isThread()).isTrue();
        assertThat(after.state()).isEqualTo(Group.State.SOME_FAILED);
        assertThat(after.chain(mastodon)).extracting(d -> d.publication().state())
                .containsExactly(PublicationState.PUBLISHED, PublicationState.FAILED, PublicationState.QUEUED);
        PublicationRunner.Outcome waiting = crowd.core.runner().runDetailed(after.chain(mastodon).get(2)
                .publication().id());
        assertThat(waiting.ran()).isFalse();
        assertThat(waiting.waitingFor()).isEqualTo(after.chain(mastodon).get(1).publication().id());
        for (Shape shape : List.of(Shape.PARTS_WITH_HINTS, Shape.BLOBS_AND_RECORDS)) {
            List<Publication> chain = after.chain(crowd.account(shape).id()).stream()
                    .map(PublicationDetails::publication).toList();
            assertThat(chain).extracting(Publication::state).containsOnly(PublicationState.PUBLISHED);
            assertChain(crowd.platform(shape), chain);
        }

        crowd.core.publications().resume(after.chain(mastodon).get(1).publication().id());
        crowd.drainJobs();

        List<Publication> chain = crowd.core.publications().group(group.id()).chain(mastodon).stream()
                .map(PublicationDetails::publication).toList();
        assertThat(chain).extracting(Publication::state).containsOnly(PublicationState.PUBLISHED);
        assertThat(refusing.posts()).hasSize(3);
        assertChain(refusing, chain);
        assertThat(crowd.core.publications().group(group.id()).state()).isEqualTo(Group.State.PUBLISHED);
        for (Shape shape : Shape.values()) {
            assertThat(crowd.platform(shape).posts()).as(shape.name()).hasSize(3);
        }
    }

    @Test
    @DisplayName("T3: the CLI's runGroup runs each chain in order, the accounts concurrently")
    void runGroupRunsEveryChain() {
        Crowd crowd = Crowd.all();

        Group created = crowd.core.publications().createGroupForImmediateRun(compose(crowd.targets(), items(3),
                null));
        assertThat(((InMemoryJobQueue) crowd.stores.jobs()).scheduled()).isEmpty();
        List<PublicationRunner.Outcome> outcomes = crowd.core.runner().runGroup(created.id(), true);

        assertThat(outcomes).hasSize(9).allSatisfy(o -> assertThat(o.publication().state())
                .isEqualTo(PublicationState.PUBLISHED));
        Group group = crowd.core.publications().group(created.id());
        for (Shape shape : Shape.values()) {
            List<Publication> chain = group.chain(crowd.account(shape).id()).stream()
                    .map(PublicationDetails::publication).toList();
            assertThat(chain).hasSize(3);
            assertChain(crowd.platform(shape), chain);
            assertThat(crowd.platform(shape).count(Operation.PUBLISH)).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("T3b: a caller's runGroup runs only the chains it picks, through its attempt, telling its listener")
    void runGroupWithTheCallersAttemptAndListener() throws Exception {
        Crowd crowd = Crowd.all();
        Account skipped = crowd.account(Shape.BLOBS_AND_RECORDS);
        Group created = crowd.core.publications().createGroupForImmediateRun(compose(crowd.targets(), items(2),
                null));
        List<String> told = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.Set<PublicationId> attempted = java.util.concurrent.ConcurrentHashMap.newKeySet();

        List<PublicationRunner.Outcome> outcomes = crowd.core.runner().runGroup(created.id(),
                first -> !first.account().equals(skipped.id()), false, id -> {
                    attempted.add(id);
                    return crowd.core.runner().runDetailed(id);
                }, new PublicationRunner.GroupListener() {
                    @Override
                    public void starting(Publication publication) {
                        told.add("starting " + publication.id());
                    }

                    @Override
                    public void ended(Publication publication, PublicationRunner.Outcome outcome) {
                        told.add("ended " + publication.id() + " " + outcome.publication().state());
                    }
                });

        assertThat(outcomes).hasSize(6);
        assertThat(outcomes).filteredOn(o -> o.publication().account().equals(skipped.id())).hasSize(2)
                .allSatisfy(o -> {
                    assertThat(o.ran()).isFalse();
                    assertThat(o.publication().state()).isEqualTo(PublicationState.QUEUED);
                });
        assertThat(crowd.platform(Shape.BLOBS_AND_RECORDS).count(Operation.PUBLISH)).isZero();
        List<PublicationRunner.Outcome> ran = outcomes.stream()
                .filter(o -> !o.publication().account().equals(skipped.id())).toList();
        assertThat(ran).hasSize(4).allSatisfy(o -> assertThat(o.publication().state())
                .isEqualTo(PublicationState.PUBLISHED));
        assertThat(attempted).containsExactlyInAnyOrderElementsOf(ran.stream().map(o -> o.publication().id())
                .toList());
        // Not in parallel: each item is told starting, then ended, before the next one starts.
        List<String> expected = new java.util.ArrayList<>();
        ran.forEach(o -> {
            expected.add("starting " + o.publication().id());
            expected.add("ended " + o.publication().id() + " PUBLISHED");
        });
        assertThat(told).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("V1: every target × item is validated before anything is stored; each problem names its target")
    void everyTargetAndItemValidatedFirst() {
        Crowd crowd = Crowd.all();
        Account x = crowd.account(Shape.PARTS_WITH_HINTS);
        Account bluesky = crowd.account(Shape.BLOBS_AND_RECORDS);
        String tooLong = "a".repeat(310);
        ComposeInput input = new ComposeInput(crowd.targets(), List.of(ComposeInput.Item.of("fine"),
                ComposeInput.Item.of(tooLong), new ComposeInput.Item("with a file", List.of(
                        new DraftInput.Attachment(dir.resolve("missing.png"), null)))), null, null,
                Map.of("nope", "1"));

        List<GroupProblem> problems = crowd.core.publications().checkGroup(input);

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.account()).isEqualTo(bluesky.id());
            assertThat(p.item()).isEqualTo(1);
            assertThat(p.path()).isEqualTo("targets[" + bluesky.id().value() + "].items[1].text");
            assertThat(p.message()).startsWith("Fake Bluesky @" + bluesky.handle() + ", post 2: ")
                    .contains("310").contains("300");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("Fake X @" + x.handle() + ", post 2: ").contains("280"));
        assertThat(problems).noneSatisfy(p -> assertThat(p.message()).startsWith("Fake Mastodon"));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("items[2].media[0]");
            assertThat(p.message()).startsWith("post 3: ").contains("missing.png");
        });
        assertThat(problems).filteredOn(p -> p.path().startsWith("items[2]")).hasSize(1);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.item()).isEqualTo(-1);
            assertThat(p.path()).isEqualTo("options.nope");
        });
        assertThatThrownBy(() -> crowd.core.publications().submitGroup(input))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(Problem::field).contains(
                            "targets[" + bluesky.id().value() + "].items[1].text",
                            "targets[" + x.id().value() + "].items[1].text", "items[2].media[0]", "options.nope");
                });
        assertThat(crowd.stores.publications().list(PublicationStore.Query.all())).isEmpty();
        for (FakePlatform platform : crowd.platforms.values()) {
            assertThat(platform.count(Operation.PUBLISH) + platform.count(Operation.UPLOAD)
                    + platform.count(Operation.INITIALIZE)).isZero();
        }
    }

    @Test
    @DisplayName("V2: a per-target text fixes that target; a single post's problem names the target without a post"
            + " number; a target chosen twice and a past time are the compose's problems")
    void perTargetTextAndWholeComposeProblems() {
        Crowd crowd = Crowd.all();
        Account x = crowd.account(Shape.PARTS_WITH_HINTS);
        Account bluesky = crowd.account(Shape.BLOBS_AND_RECORDS);
        String tooLong = "b".repeat(290);
        List<ComposeInput.Target> targets = List.of(ComposeInput.Target.of(x.id()),
                new ComposeInput.Target(bluesky.id(), Map.of(0, "short")));

        List<GroupProblem> problems = crowd.core.publications().checkGroup(compose(targets,
                List.of(ComposeInput.Item.of(tooLong)), null));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.account()).isEqualTo(x.id());
            assertThat(p.message()).startsWith("Fake X @" + x.handle() + ": ").contains("290");
        });
        List<GroupProblem> whole = crowd.core.publications().checkGroup(compose(List.of(
                ComposeInput.Target.of(x.id()), ComposeInput.Target.of(x.id())), List.of(ComposeInput.Item.of("hi")),
                crowd.clock.instant().minusSeconds(60)));
        assertThat(whole).extracting(GroupProblem::path).containsExactlyInAnyOrder("targets", "scheduledAt");
        assertThat(crowd.core.publications().checkGroup(compose(List.of(), List.of(ComposeInput.Item.of("hi")),
                null))).extracting(GroupProblem::path).containsExactly("targets");
    }

    @Test
    @DisplayName("E1: editing a scheduled group replaces its text, time and targets under the same id")
    void editScheduledGroup() {
        Crowd crowd = Crowd.all();
        Instant inAnHour = crowd.clock.instant().plus(Duration.ofHours(1));
        Group original = crowd.core.publications().submitGroup(compose(crowd.targets(), items(2), inAnHour));
        InMemoryJobQueue jobs = (InMemoryJobQueue) crowd.stores.jobs();
        assertThat(jobs.scheduled()).hasSize(3);
        Account mastodon = crowd.account(Shape.ONE_REQUEST_POLLED);
        Instant inTwoHours = inAnHour.plus(Duration.ofHours(1));

        Group edited = crowd.core.publications().editGroup(original.id(), compose(List.of(
                ComposeInput.Target.of(mastodon.id())), List.of(ComposeInput.Item.of("edited")), inTwoHours));

        assertThat(edited.id()).isEqualTo(original.id());
        assertThat(edited.targets()).containsExactly(mastodon.id());
        assertThat(edited.scheduledAt()).isEqualTo(inTwoHours);
        assertThat(edited.state()).isEqualTo(Group.State.SCHEDULED);
        for (PublicationDetails old : original.publications()) {
            assertThat(crowd.core.publications().find(old.publication().id())).isEmpty();
        }
        assertThat(jobs.scheduled()).containsOnlyKeys(edited.publications().get(0).publication().id())
                .containsValue(inTwoHours);
        crowd.clock.advance(Duration.ofMinutes(90));
        crowd.drainJobs();
        crowd.platforms.values().forEach(p -> assertThat(p.posts()).isEmpty());
        crowd.clock.advance(Duration.ofMinutes(31));
        crowd.drainJobs();

        assertThat(crowd.platform(Shape.ONE_REQUEST_POLLED).posts()).singleElement()
                .satisfies(p -> assertThat(p.text()).startsWith("edited"));
        assertThat(crowd.platform(Shape.PARTS_WITH_HINTS).posts()).isEmpty();
        assertThat(crowd.platform(Shape.BLOBS_AND_RECORDS).posts()).isEmpty();
    }

    @Test
    @DisplayName("E2: a group that started cannot be edited, and an invalid edit changes nothing")
    void editRefusesAStartedGroup() {
        Crowd crowd = Crowd.start(List.of(Shape.PARTS_WITH_HINTS));
        Account x = crowd.account(Shape.PARTS_WITH_HINTS);
        Group created = crowd.core.publications().createGroupForImmediateRun(compose(crowd.targets(), items(2),
                null));
        crowd.core.runner().run(created.chain(x.id()).get(0).publication().id());
        ComposeInput edit = compose(crowd.targets(), List.of(ComposeInput.Item.of("edited")), null);

        assertThatThrownBy(() -> crowd.core.publications().editGroup(created.id(), edit))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("already started");
                });

        Group scheduled = crowd.core.publications().submitGroup(compose(crowd.targets(), items(1),
                crowd.clock.instant().plusSeconds(600)));
        assertThatThrownBy(() -> crowd.core.publications().editGroup(scheduled.id(), compose(crowd.targets(),
                List.of(ComposeInput.Item.of("x".repeat(300))), null))).isInstanceOf(OutpostException.class);
        assertThat(crowd.core.publications().group(scheduled.id()).publications()).extracting(d -> d.publication())
                .containsExactlyElementsOf(scheduled.publications().stream().map(d -> d.publication()).toList());
    }

    @Test
    @DisplayName("C1: cancelling a group cancels what has not gone out and leaves what has")
    void cancelGroup() {
        Crowd crowd = Crowd.all();
        Group created = crowd.core.publications().createGroupForImmediateRun(compose(crowd.targets(), items(2),
                null));
        Account x = crowd.account(Shape.PARTS_WITH_HINTS);
        PublicationId published = created.chain(x.id()).get(0).publication().id();
        crowd.core.runner().run(published);

        List<Publication> cancelled = crowd.core.publications().cancelGroup(created.id());

        assertThat(cancelled).hasSize(5).extracting(Publication::state).containsOnly(PublicationState.CANCELLED);
        Group group = crowd.core.publications().group(created.id());
        assertThat(group.chain(x.id()).get(0).publication().state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(group.state()).isEqualTo(Group.State.PUBLISHED);
        crowd.core.publications().recoverInterrupted();
        crowd.drainJobs();
        assertThat(crowd.platform(Shape.PARTS_WITH_HINTS).posts()).hasSize(1);
        assertThat(crowd.platform(Shape.ONE_REQUEST_POLLED).posts()).isEmpty();
        assertThat(crowd.platform(Shape.BLOBS_AND_RECORDS).posts()).isEmpty();
        assertThatThrownBy(() -> crowd.core.publications().group(GroupId.of("nope")))
                .isInstanceOf(OutpostException.class).hasMessageContaining("no group");
    }

    @Test
    @DisplayName("D1: drafts are saved, replaced, listed newest first, and refused over 1 MB")
    void savedDrafts() {
        Crowd crowd = Crowd.start(List.of(Shape.PARTS_WITH_HINTS));
        SavedDrafts drafts = crowd.core.drafts();

        var first = drafts.save(null, "First line\nsecond line", "{\"text\":\"a\"}");
        crowd.clock.advance(Duration.ofSeconds(5));
        var second = drafts.save(null, "Other", "{}");
        crowd.clock.advance(Duration.ofSeconds(5));
        var firstAgain = drafts.save(first.id(), "First, edited", "{\"text\":\"b\"}");

        assertThat(first.title()).isEqualTo("First line");
        assertThat(drafts.find(first.id())).contains(firstAgain);
        assertThat(drafts.list(10)).extracting(d -> d.id()).containsExactly(first.id(), second.id());
        assertThatThrownBy(() -> drafts.save(null, "big", "x".repeat(1024 * 1024 + 1)))
                .isInstanceOfSatisfying(OutpostException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactly("content"));
        drafts.delete(second.id());
        assertThat(drafts.list(10)).hasSize(1);
    }
}
