package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.FakeCall;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.UploadJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY.md's publishing rows, P1 to P5, and the whole path from draft to post. */
class PublishingReliabilityTest {
    @TempDir
    Path dir;

    private Engine engine;
    private Account account;

    @BeforeEach
    void setUp() {
        engine = Engine.start();
        account = engine.connect();
        engine.platform.processingScript(ProcessingStatus.pending(Duration.ofSeconds(2)),
                new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofSeconds(4), 60, null),
                ProcessingStatus.succeeded());
    }

    private DraftInput textOnly(String text) {
        return new DraftInput(text, List.of(), null, null);
    }

    @Test
    @DisplayName("a post with two images and alt text: uploaded, described, published once, with progress")
    void imagesWithAltText() {
        var first = TestMedia.jpeg(dir, "a.jpg", 40, 30);
        var second = TestMedia.png(dir, "b.png", 40, 30);

        Publication done = engine.publishNow(account, new DraftInput("Launch day", List.of(
                new DraftInput.Attachment(first.path(), "A rocket"),
                new DraftInput.Attachment(second.path(), null)), null, null));

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        var post = engine.platform.posts().get(0);
        assertThat(post.id()).isEqualTo(done.remotePostId());
        assertThat(post.mediaIds()).hasSize(2);
        assertThat(engine.platform.altText(post.mediaIds().get(0))).contains("A rocket");
        assertThat(engine.platform.altText(post.mediaIds().get(1))).isEmpty();
        assertThat(engine.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ProgressEvent.Published.class,
                p -> assertThat(p.url()).isEqualTo(post.url())));
    }

    @Test
    @DisplayName("a video post reports bytes, segments and processing progress, then the post")
    void videoWithProgress() {
        var video = TestMedia.mp4(dir, "v.mp4", 12_000_000, 1);

        Publication done = engine.publishNow(account, new DraftInput("", List.of(
                new DraftInput.Attachment(video.path(), null)), null, null));

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        List<ProgressEvent.BytesSent> bytes = engine.events.stream().filter(ProgressEvent.BytesSent.class::isInstance)
                .map(ProgressEvent.BytesSent.class::cast).toList();
        assertThat(bytes).extracting(ProgressEvent.BytesSent::sentBytes).isSorted().last()
                .isEqualTo(12_000_000L);
        assertThat(bytes.get(bytes.size() - 1).segmentsDone()).isEqualTo(3);
        assertThat(engine.events).filteredOn(ProgressEvent.Processing.class::isInstance)
                .extracting(e -> ((ProgressEvent.Processing) e).percent()).contains(60, 100);
        assertThat(engine.events).filteredOn(ProgressEvent.StateChanged.class::isInstance)
                .extracting(e -> ((ProgressEvent.StateChanged) e).state())
                .containsSubsequence(PublicationState.UPLOADING, PublicationState.PROCESSING,
                        PublicationState.PUBLISHING);
    }

    @Test
    @DisplayName("every problem of a draft is reported at once and nothing is uploaded")
    void validationBeforeUpload() throws Exception {
        List<DraftInput.Attachment> media = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            media.add(new DraftInput.Attachment(TestMedia.jpeg(dir, i + ".jpg", 8, 8).path(), "x".repeat(1001)));
        }
        Path executable = dir.resolve("evil.jpg");
        Files.write(executable, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        media.add(new DraftInput.Attachment(executable, null));
        media.add(new DraftInput.Attachment(dir.resolve("missing.png"), null));

        assertThatThrownBy(() -> engine.core.publications().submit(account.id(),
                new DraftInput("y".repeat(281), media, null, engine.clock.instant().minusSeconds(60))))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(Problem::field).contains("text", "media", "media[0].alt",
                            "media[5]", "media[6]", "scheduledAt");
                    assertThat(e.problems()).filteredOn(p -> p.field().equals("media[5]"))
                            .singleElement().extracting(Problem::message).asString().contains("evil.jpg");
                });
        assertThat(engine.platform.calls()).extracting(FakeCall::operation).containsOnly(Operation.CURRENT_USER);
        assertThat(engine.stores.publications().list(PublicationStore.Query.all())).isEmpty();
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

    @Test
    @DisplayName("P1: a timeout after the post was sent: UNCONFIRMED, reconciled from recent posts, no second post")
    void p1_timeoutAfterSend() {
        engine.platform.failNextAfterEffect(Operation.PUBLISH, Faults.timeout());

        Publication done = engine.publishNow(account, textOnly("Hello after a timeout"));

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(done.remotePostId()).isEqualTo(engine.platform.posts().get(0).id());
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(1);
        assertThat(engine.events).anyMatch(ProgressEvent.Unconfirmed.class::isInstance);
    }

    @Test
    @DisplayName("P1: a 502 on the post: UNCONFIRMED until the grace period ends, then exactly one retry")
    void p1_serverErrorThenOneRetry() {
        engine.platform.failNext(Operation.PUBLISH, Faults.serverErrorOnPost());

        Publication first = engine.publishNow(account, textOnly("Hello after a 502"));

        assertThat(first.state()).isEqualTo(PublicationState.UNCONFIRMED);
        assertThat(engine.platform.posts()).isEmpty();
        engine.clock.advance(Duration.ofMinutes(3));
        engine.runDueJobs();

        Publication done = engine.reload(first.id());
        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(done.intent().attempt()).isEqualTo(2);
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
    }

    @Test
    @DisplayName("P1: without read access the publication stays UNCONFIRMED with an explanation")
    void p1_noReadAccess() {
        engine.platform.failNext(Operation.PUBLISH, Faults.serverErrorOnPost());
        engine.platform.failNext(Operation.RECENT_POSTS, new PlatformException.Forbidden(
                PlatformException.Forbidden.Reason.MISSING_SCOPE, "403 Forbidden: the token lacks tweet.read"));

        Publication done = engine.publishNow(account, textOnly("Hello without read access"));

        assertThat(done.state()).isEqualTo(PublicationState.UNCONFIRMED);
        assertThat(done.failure()).contains("cannot read the account's posts");
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(1);
    }

    @Test
    @DisplayName("P2: connection refused before any byte was sent is retried")
    void p2_refusedBeforeSending() {
        engine.platform.failNext(Operation.PUBLISH, Faults.connectionRefused());

        Publication done = engine.publishNow(account, textOnly("Hello after a refusal"));

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
        assertThat(engine.platform.posts()).hasSize(1);
    }

    @Test
    @DisplayName("P3: 403 duplicate content is treated as probably posted and reconciled")
    void p3_duplicateContent() {
        String token = engine.core.accessTokens().current(account.id());
        var earlier = engine.platform.postPublisher().publish(token, new PostRequest("Same words", List.of(), null));

        Publication done = engine.publishNow(account, textOnly("Same words"));

        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(done.remotePostId()).isEqualTo(earlier.id());
        assertThat(engine.platform.posts()).hasSize(1);
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

    @Test
    @DisplayName("P5: a crash after the platform returned the post id but before the commit is reconciled")
    void p5_crashBeforeCommit() {
        Engine crashing = engine.withStores(new CrashOnPublished(engine.stores));
        Publication created = crashing.core.publications().createForImmediateRun(account.id(),
                textOnly("Crash before commit"));
        assertThatThrownBy(() -> crashing.core.runner().run(created.id())).hasMessageContaining("simulated crash");
        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHING);

        Engine next = engine.restart();
        engine.clock.advance(Duration.ofMinutes(3));
        assertThat(next.core.publications().recoverInterrupted()).isEqualTo(1);
        next.runDueJobs();

        Publication done = engine.reload(created.id());
        assertThat(done.state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(done.remotePostId()).isEqualTo(engine.platform.posts().get(0).id());
        assertThat(engine.platform.posts()).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(1);
    }

    @Test
    @DisplayName("a scheduled post waits for its time in the queue, then runs")
    void scheduled() {
        Publication created = engine.core.publications().submit(account.id(), new DraftInput("Later", List.of(),
                null, engine.clock.instant().plus(Duration.ofHours(1))));

        assertThat(engine.runDueJobs()).isZero();
        engine.clock.advance(Duration.ofMinutes(61));
        assertThat(engine.runDueJobs()).isEqualTo(1);

        assertThat(engine.reload(created.id()).state()).isEqualTo(PublicationState.PUBLISHED);
    }

    @Test
    @DisplayName("a failed publication resumes its upload where it stopped and publishes once")
    void failedThenResumed() {
        var video = TestMedia.mp4(dir, "v.mp4", 12_000_000, 2);
        engine.platform.failAppend(2, Faults.invalidRequest("killed"));
        Publication failed = engine.publishNow(account, new DraftInput("Resumed", List.of(
                new DraftInput.Attachment(video.path(), null)), null, null));
        assertThat(failed.state()).isEqualTo(PublicationState.FAILED);
        assertThat(failed.failure()).contains("v.mp4");

        engine.core.publications().resume(failed.id());
        engine.runDueJobs();

        assertThat(engine.reload(failed.id()).state()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.calls(Operation.APPEND).stream().filter(FakeCall::tookEffect)
                .map(FakeCall::segmentIndex)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(engine.platform.posts()).hasSize(1);
    }

    @Test
    @DisplayName("U8 end to end: a FINALIZE the platform refuses fails the publication and never posts")
    void finalizeRefusedNeverPosts() {
        var video = TestMedia.mp4(dir, "v.mp4", 6_000_000, 3);
        engine.platform.failNext(Operation.FINALIZE, Faults.invalidRequest("total bytes differ"));

        Publication done = engine.publishNow(account, new DraftInput("never", List.of(
                new DraftInput.Attachment(video.path(), null)), null, null));

        assertThat(done.state()).isEqualTo(PublicationState.FAILED);
        assertThat(engine.platform.calls(Operation.PUBLISH)).isEmpty();
    }

    /** Stores whose publication store dies (as the process would) when asked to record PUBLISHED. */
    private static final class CrashOnPublished implements Stores {
        private final Stores delegate;

        CrashOnPublished(Stores delegate) {
            this.delegate = delegate;
        }

        @Override
        public PublicationStore publications() {
            PublicationStore real = delegate.publications();
            return new PublicationStore() {
                @Override
                public Publication create(Publication publication) {
                    return real.create(publication);
                }

                @Override
                public Optional<Publication> find(PublicationId id) {
                    return real.find(id);
                }

                @Override
                public Optional<Publication> update(Publication next) {
                    if (next.state() == PublicationState.PUBLISHED) {
                        throw new IllegalStateException("simulated crash before the commit");
                    }
                    return real.update(next);
                }

                @Override
                public boolean claim(PublicationId id, String worker, java.time.Instant now, Duration lease) {
                    return real.claim(id, worker, now, lease);
                }

                @Override
                public Optional<String> claimHolder(PublicationId id, java.time.Instant now) {
                    return real.claimHolder(id, now);
                }

                @Override
                public boolean takeOver(PublicationId id, String holder, String worker, java.time.Instant now,
                        Duration lease) {
                    return real.takeOver(id, holder, worker, now, lease);
                }

                @Override
                public void release(PublicationId id, String worker) {
                    // A crashed worker releases nothing: its claim must run out.
                }

                @Override
                public List<Publication> list(Query query) {
                    return real.list(query);
                }
            };
        }

        @Override
        public AccountStore accounts() {
            return delegate.accounts();
        }

        @Override
        public TokenStore tokens() {
            return delegate.tokens();
        }

        @Override
        public UploadJournal uploads() {
            return delegate.uploads();
        }

        @Override
        public PendingAuthorizationStore pendingAuthorizations() {
            return delegate.pendingAuthorizations();
        }

        @Override
        public JobQueue jobs() {
            return delegate.jobs();
        }

        @Override
        public void close() {
        }
    }
}
