package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.FakeCall;
import dev.outpost.ports.platform.fake.FakePost;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import dev.outpost.ports.storage.ForwardingPublicationStore;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY.md's publishing rows, P1 to P5, and the whole path from draft to post, for every shape of platform:
 * one that settles a lost answer by reading recent posts, one that deduplicates by the idempotency key, one that
 * reads back the record under the key it chose.
 */
class PublishingReliabilityTest {
    @TempDir
    Path dir;

    /** For the claim rows, which do not depend on the platform's shape. */
    private Engine engine;
    private Account account;

    @BeforeEach
    void setUp() {
        engine = Engine.start(Shape.PARTS_WITH_HINTS);
        account = engine.connect();
    }

    private static DraftInput textOnly(String text) {
        return new DraftInput(text, List.of(), null, null);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("a post with two images and alt text is published once, its link and key recorded")
    void imagesWithAltText(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();

        Publication done = engine.publishNow(account, new DraftInput("Launch day", List.of(
                new DraftInput.Attachment(TestMedia.jpeg(dir, "a.jpg", 40, 30).path(), "A rocket"),
                new DraftInput.Attachment(TestMedia.png(dir, "b.png", 40, 30).path(), null)), null, null));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        FakePost post = engine.platform.posts().get(0);
        assertThat(post.id()).isEqualTo(done.remotePostId());
        assertThat(post.media()).hasSize(2);
        assertThat(post.altTexts()).containsExactly("A rocket", null);
        assertThat(done.remote().url()).isEqualTo(post.url());
        if (post.key() != null) {
            assertThat(post.key()).isEqualTo(done.idempotencyKey());
        }
        assertThat(engine.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ProgressEvent.Published.class,
                p -> assertThat(p.url()).isEqualTo(post.url())));
        assertThat(engine.core.publications().details(done).url()).contains(post.url());
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("a reply names its parent (and its thread's root) on the platform")
    void replyNamesItsParent(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Publication first = engine.publishNow(account, textOnly("The first post"));
        Publication second = engine.publishNow(account, new DraftInput("A reply", List.of(),
                first.remote().replyRef(), null));
        Publication third = engine.publishNow(account, new DraftInput("A reply to the reply", List.of(),
                second.remote().replyRef(), null));

        assertThat(third.state()).as(third.failure()).isEqualTo(PublicationState.PUBLISHED);
        FakePost reply = engine.platform.post(second.remotePostId()).orElseThrow();
        FakePost replyToReply = engine.platform.post(third.remotePostId()).orElseThrow();
        assertThat(reply.inReplyTo()).isEqualTo(first.remotePostId());
        assertThat(replyToReply.inReplyTo()).isEqualTo(second.remotePostId());
        assertThat(replyToReply.root()).isEqualTo(first.remotePostId());
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("every problem of a draft is reported at once, naming the platform's numbers, and nothing is sent")
    void validationBeforeUpload(Shape shape) throws Exception {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        var rules = engine.core.platforms().rules(account.id());
        int tooMany = rules.maxMedia(dev.outpost.domain.media.MediaKind.IMAGE) + 1;
        List<DraftInput.Attachment> media = new ArrayList<>();
        for (int i = 0; i < tooMany; i++) {
            media.add(new DraftInput.Attachment(TestMedia.jpeg(dir, i + ".jpg", 8, 8).path(),
                    "x".repeat(rules.maxAltTextLength() + 1)));
        }
        Path executable = dir.resolve("evil.jpg");
        Files.write(executable, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        media.add(new DraftInput.Attachment(executable, null));
        media.add(new DraftInput.Attachment(dir.resolve("missing.png"), null));
        int before = engine.platform.calls().size();
        String text = "y".repeat(rules.primaryTextLimit().max() + 1);

        assertThatThrownBy(() -> engine.core.publications().submit(account.id(), new DraftInput(text, media, null,
                engine.clock.instant().minusSeconds(60), Map.of("no-such-option", "1"))))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(Problem::field).contains("text", "media", "media[0].alt",
                            "media[" + tooMany + "]", "media[" + (tooMany + 1) + "]", "scheduledAt",
                            "options.no-such-option");
                    assertThat(e.problems()).filteredOn(p -> p.field().equals("text")).first()
                            .extracting(Problem::message).asString().contains(rules.platformName())
                            .contains(String.valueOf(rules.primaryTextLimit().max()));
                    assertThat(e.problems()).filteredOn(p -> p.field().equals("media[" + tooMany + "]"))
                            .singleElement().extracting(Problem::message).asString().contains("evil.jpg");
                });
        assertThat(engine.platform.calls().size()).isEqualTo(before);
        assertThat(engine.core.publications().list(PublicationStore.Query.all())).isEmpty();
    }

    @Test
    @DisplayName("a problem names the attachment's place in the user's list, even after an unreadable one")
    void problemFieldsKeepTheUsersNumbering() {
        var image = TestMedia.jpeg(dir, "ok.jpg", 8, 8);

        assertThatThrownBy(() -> engine.core.publications().check(account.id(), new DraftInput("hi", List.of(
                new DraftInput.Attachment(dir.resolve("missing.png"), null),
                new DraftInput.Attachment(image.path(), "x".repeat(1001))), null, null)))
                .isInstanceOfSatisfying(OutpostException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).containsExactlyInAnyOrder("media[0]", "media[1].alt"));
    }

    @Test
    @DisplayName("a run-at-once publication whose process died before it began is queued again on start-up")
    void queuedWithoutJobIsRecovered() {
        Publication created = engine.core.publications().createForImmediateRun(account.id(), textOnly("Orphan"));

        assertThat(engine.restart().core.publications().recoverInterrupted()).isEqualTo(1);
        engine.runDueJobs();

        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHED);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("P1: the post was made but its answer was lost: settled, one post, with the same idempotency key")
    void p1_answerLostAfterThePost(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNextAfterEffect(Operation.PUBLISH, Faults.timeout());

        Publication done = engine.publishNow(account, textOnly("Hello after a timeout"));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.posts()).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo(done.remotePostId()));
        List<FakeCall> attempts = engine.platform.calls(Operation.PUBLISH);
        if (engine.platform.capabilities().deduplicatesByKey()) {
            // Sent again with the same key: the platform answered with the post it had made.
            assertThat(attempts).hasSize(2);
            assertThat(engine.platform.postsWithKey(done.idempotencyKey())).hasSize(1);
        } else {
            assertThat(attempts).hasSize(1);
            assertThat(engine.events).anyMatch(ProgressEvent.Unconfirmed.class::isInstance);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("P1: a 502 on the post that made nothing: exactly one post in the end, never two")
    void p1_serverErrorThenOneRetry(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.PUBLISH, Faults.serverErrorOnPost());

        Publication first = engine.publishNow(account, textOnly("Hello after a 502"));

        if (engine.platform.capabilities().deduplicatesByKey()) {
            assertThat(first.state()).as(first.failure()).isEqualTo(PublicationState.PUBLISHED);
        } else {
            // Not found at once: it may still appear; looked for again after the grace period, then sent once more.
            assertThat(first.state()).isEqualTo(PublicationState.UNCONFIRMED);
            assertThat(engine.platform.posts()).isEmpty();
            engine.clock.advance(Duration.ofMinutes(3));
            engine.runDueJobs();
        }
        Publication done = engine.reload(first.id());
        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(done.intent().attempt()).isEqualTo(engine.platform.capabilities().deduplicatesByKey() ? 1 : 2);
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
    }

    @Test
    @DisplayName("P1: when the platform cannot say, the publication stays UNCONFIRMED with an explanation")
    void p1_noReadAccess() {
        engine.platform.failNext(Operation.PUBLISH, Faults.serverErrorOnPost());
        engine.platform.failNext(Operation.RECENT_POSTS, new PlatformException.Forbidden(
                PlatformException.Forbidden.Reason.MISSING_SCOPE, "403 Forbidden: the token cannot read posts"));

        Publication done = engine.publishNow(account, textOnly("Hello without read access"));

        assertThat(done.state()).isEqualTo(PublicationState.UNCONFIRMED);
        assertThat(done.failure()).contains("cannot check whether this post was published")
                .contains("cannot read posts");
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("P2: connection refused before any byte was sent is retried")
    void p2_refusedBeforeSending(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.PUBLISH, Faults.connectionRefused());

        Publication done = engine.publishNow(account, textOnly("Hello after a refusal"));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
        assertThat(engine.platform.posts()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesRefusingDuplicates")
    @DisplayName("P3: a text refused as a duplicate of an older post fails at once, names that post, is never sent again")
    void p3_duplicateOfAnotherPost(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Publication earlier = engine.publishNow(account, textOnly("Same words"));
        engine.clock.advance(Duration.ofMinutes(30));

        PublicationRunner.Outcome outcome = engine.core.runner().runDetailed(engine.core.publications()
                .createForImmediateRun(account.id(), textOnly("Same words")).id());

        Publication done = outcome.publication();
        assertThat(done.state()).isEqualTo(PublicationState.FAILED);
        assertThat(outcome.failureKind()).isEqualTo(OutpostException.Kind.REFUSED);
        assertThat(done.failure()).contains("duplicate").contains(earlier.remote().url().toString());
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
        // Nothing is scheduled to send it again.
        engine.clock.advance(Duration.ofMinutes(10));
        assertThat(engine.runDueJobs()).isZero();
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesRefusingDuplicates")
    @DisplayName("P3: a duplicate refusal after an earlier attempt of the same publication made the post: published")
    void p3_duplicateOfItsOwnEarlierAttempt(Shape shape) {
        // The platform shows a new post late: neither look before the grace period ends finds it.
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        Engine engine = Engine.start(shape.create(new dev.outpost.ports.platform.fake.FakeClock()),
                plugin -> new LateListing(plugin, looks));
        Account account = engine.connect();
        engine.platform.failNextAfterEffect(Operation.PUBLISH, Faults.timeout());
        Publication first = engine.publishNow(account, textOnly("Said once"));
        assertThat(first.state()).isEqualTo(PublicationState.UNCONFIRMED);

        // After the grace period it is sent again; the platform refuses the text, and now the post is found.
        engine.clock.advance(Duration.ofMinutes(3));
        engine.runDueJobs();

        Publication done = engine.reload(first.id());
        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.PUBLISH)).isEqualTo(2);
        assertThat(engine.platform.posts()).singleElement().satisfies(p -> assertThat(p.id())
                .isEqualTo(done.remotePostId()));
    }

    /** A plugin whose platform lists a new post only from the third look on. */
    private static final class LateListing implements dev.outpost.ports.platform.PlatformPlugin {
        private final dev.outpost.ports.platform.PlatformPlugin real;
        private final java.util.concurrent.atomic.AtomicInteger looks;

        LateListing(dev.outpost.ports.platform.PlatformPlugin real, java.util.concurrent.atomic.AtomicInteger looks) {
            this.real = real;
            this.looks = looks;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String displayName() {
            return real.displayName();
        }

        @Override
        public dev.outpost.ports.platform.Rulebook rulebook(dev.outpost.ports.platform.PlatformContext context) {
            return real.rulebook(context);
        }

        @Override
        public dev.outpost.ports.platform.Authorizer authorizer(dev.outpost.ports.platform.PlatformContext context) {
            return real.authorizer(context);
        }

        @Override
        public dev.outpost.ports.platform.MediaTransport mediaTransport(
                dev.outpost.ports.platform.PlatformContext context) {
            return real.mediaTransport(context);
        }

        @Override
        public dev.outpost.ports.platform.PostPublisher postPublisher(
                dev.outpost.ports.platform.PlatformContext context) {
            dev.outpost.ports.platform.PostPublisher publisher = real.postPublisher(context);
            return new dev.outpost.ports.platform.PostPublisher() {
                @Override
                public dev.outpost.domain.post.RemotePost publish(dev.outpost.ports.platform.AccountAccess access,
                        PostRequest request) {
                    return publisher.publish(access, request);
                }

                @Override
                public dev.outpost.ports.platform.Settlement settle(dev.outpost.ports.platform.AccountAccess access,
                        PostRequest request, java.time.Instant since) {
                    dev.outpost.ports.platform.Settlement real = publisher.settle(access, request, since);
                    return looks.getAndIncrement() < 2 ? new dev.outpost.ports.platform.Settlement.Absent(null)
                            : real;
                }

                @Override
                public boolean deduplicates() {
                    return publisher.deduplicates();
                }

                @Override
                public String newIdempotencyKey(java.time.Instant now, java.util.random.RandomGenerator random) {
                    return publisher.newIdempotencyKey(now, random);
                }
            };
        }
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("B3: media the platform collected before the post is uploaded again, then the post goes out once")
    void mediaGoneBeforeThePost(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.PUBLISH, Faults.mediaExpired());

        Publication done = engine.publishNow(account, new DraftInput("Again", List.of(
                new DraftInput.Attachment(TestMedia.png(dir, "p.png", 9, 9).path(), "alt")), null, null));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(2);
        assertThat(engine.platform.posts()).singleElement().satisfies(p -> assertThat(p.altTexts())
                .containsExactly("alt"));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("P5: a crash after the platform made the post but before the commit is settled; never posted twice")
    void p5_crashBeforeCommit(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Engine crashing = engine.withStores(crashOnPublished(engine.stores));
        Publication created = crashing.core.publications().createForImmediateRun(account.id(),
                textOnly("Crash before commit"));
        assertThatThrownBy(() -> crashing.core.runner().run(created.id())).hasMessageContaining("simulated crash");
        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHING);

        Engine next = engine.restart();
        engine.clock.advance(Duration.ofMinutes(3));
        assertThat(next.core.publications().recoverInterrupted()).isEqualTo(1);
        next.runDueJobs();

        Publication done = engine.reload(created.id());
        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.posts()).singleElement().satisfies(p -> assertThat(p.id())
                .isEqualTo(done.remotePostId()));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("a scheduled post waits for its time in the queue, then runs")
    void scheduled(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Publication created = engine.core.publications().submit(account.id(), new DraftInput("Later", List.of(),
                null, engine.clock.instant().plus(Duration.ofHours(1))));

        assertThat(engine.runDueJobs()).isZero();
        engine.clock.advance(Duration.ofMinutes(61));
        assertThat(engine.runDueJobs()).isEqualTo(1);

        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHED);
    }

    @Test
    @DisplayName("P4: two workers racing for one publication: one publishes, once")
    void p4_twoWorkersOneClaim() throws Exception {
        Engine other = engine.restart();
        Publication created = engine.core.publications().submit(account.id(), textOnly("Raced"));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Publication>> runs = new ArrayList<>();
            for (Engine e : List.of(engine, other)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return e.core.runner().run(created.id());
                }));
            }
            go.countDown();
            for (Future<Publication> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(1);
        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHED);
    }

    @Test
    @DisplayName("P4: a publication claimed by a live worker is left alone")
    void p4_claimedIsLeftAlone() {
        Publication created = engine.core.publications().submit(account.id(), textOnly("Claimed"));
        assertThat(engine.stores.publications().claim(created.id(), "someone-else", engine.clock.instant(),
                Duration.ofMinutes(2))).isTrue();

        Publication after = engine.core.runner().run(created.id());

        assertThat(after.state()).isEqualTo(PublicationState.QUEUED);
        assertThat(engine.platform.calls(Operation.PUBLISH)).isEmpty();
    }

    @Test
    @DisplayName("P4: a claim whose holder is provably dead is taken over at once, and says so")
    void p4_deadHoldersClaimIsTakenOver() {
        Publication created = engine.core.publications().createForImmediateRun(account.id(), textOnly("Taken over"));
        assertThat(engine.stores.publications().claim(created.id(), "cli@here:41", engine.clock.instant(),
                Duration.ofMinutes(2))).isTrue();
        Engine resuming = engine.restartAs("cli@here:42", holder -> holder.equals("cli@here:41"));

        PublicationRunner.Outcome outcome = resuming.core.runner().runDetailed(created.id());

        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.publication().state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(resuming.events).first().isEqualTo(new ProgressEvent.ClaimTakenOver(created.id(), "cli@here:41"));
        assertThat(engine.platform.posts()).hasSize(1);
        // Released at the end, as any run's claim.
        assertThat(engine.stores.publications().claimHolder(created.id(), engine.clock.instant())).isEmpty();
    }

    @Test
    @DisplayName("P4: a claim whose holder may be alive is left alone until its lease ends, and the outcome names it")
    void p4_liveHoldersClaimIsWaitedFor() {
        Publication created = engine.core.publications().createForImmediateRun(account.id(), textOnly("Waits"));
        engine.stores.publications().claim(created.id(), "web-there-1234abcd", engine.clock.instant(),
                PublicationRunner.Settings.DEFAULT.lease());
        Engine resuming = engine.restartAs("cli@here:42", holder -> holder.startsWith("cli@"));

        PublicationRunner.Outcome held = resuming.core.runner().runDetailed(created.id());

        assertThat(held.ran()).isFalse();
        assertThat(held.heldBy()).isEqualTo("web-there-1234abcd");
        assertThat(engine.platform.calls(Operation.PUBLISH)).isEmpty();
        assertThat(resuming.events).noneMatch(ProgressEvent.ClaimTakenOver.class::isInstance);

        engine.clock.advance(PublicationRunner.Settings.DEFAULT.lease());
        PublicationRunner.Outcome later = resuming.core.runner().runDetailed(created.id());
        assertThat(later.ran()).isTrue();
        assertThat(later.heldBy()).isNull();
        assertThat(later.publication().state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(resuming.events).noneMatch(ProgressEvent.ClaimTakenOver.class::isInstance);
    }

    @Test
    @DisplayName("P4: of two runs taking over one dead holder's claim at once, exactly one runs")
    void p4_twoTakeOversOneWins() throws Exception {
        Publication created = engine.core.publications().createForImmediateRun(account.id(), textOnly("Raced"));
        engine.stores.publications().claim(created.id(), "cli@here:41", engine.clock.instant(),
                Duration.ofMinutes(2));
        CountDownLatch bothJudged = new CountDownLatch(2);
        ClaimHolders slowJudge = holder -> {
            bothJudged.countDown();
            try {
                bothJudged.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return holder.equals("cli@here:41");
        };
        List<Engine> resuming = List.of(engine.restartAs("cli@here:42", slowJudge),
                engine.restartAs("cli@here:43", slowJudge));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<PublicationRunner.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<PublicationRunner.Outcome>> futures = new ArrayList<>();
            for (Engine e : resuming) {
                futures.add(pool.submit(() -> e.core.runner().runDetailed(created.id())));
            }
            for (Future<PublicationRunner.Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn(PublicationRunner.Outcome::ran).hasSize(1);
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHED);
    }

    /** Stores whose publication store dies (as the process would) when asked to record PUBLISHED. */
    private static Stores crashOnPublished(Stores delegate) {
        return new StoresWithPublications(delegate, new ForwardingPublicationStore(delegate.publications()) {
            @Override
            public Optional<Publication> update(Publication next) {
                if (next.state() == PublicationState.PUBLISHED) {
                    throw new IllegalStateException("simulated crash before the commit");
                }
                return super.update(next);
            }

            @Override
            public void release(PublicationId id, String worker) {
                // A crashed worker releases nothing: its claim must run out.
            }
        });
    }
}
