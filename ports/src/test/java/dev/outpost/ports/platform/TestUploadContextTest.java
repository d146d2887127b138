package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.retry.RetryPolicy;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test context behaves as the core's context is documented to, so that contracts relying on it mean something. */
class TestUploadContextTest {
    private static final TokenSet TOKENS = TokenSet.issued("good-token", "refresh", null, null);
    private static final TokenSet NEW_TOKENS = TokenSet.issued("new-token", "refresh-2", null, null);

    private final FakeClock clock = new FakeClock();

    @TempDir
    Path dir;

    private MediaFile file;

    @BeforeEach
    void file() {
        file = TestMedia.mp4(dir, "clip.mp4", 10_000, 1);
    }

    private TestUploadContext.Builder context() {
        return TestUploadContext.builder(file, TOKENS).clock(clock).sleeper(clock::advance);
    }

    @Test
    void transientFailuresAreRetriedUntilTheRequestSucceeds() {
        TestUploadContext context = context().build();
        AtomicInteger tries = new AtomicInteger();

        String answer = context.call("send part 0", false, a -> {
            if (tries.incrementAndGet() < 3) {
                throw Faults.resetWhileSending();
            }
            return "ok";
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(context.retriesSpent()).isEqualTo(2);
        assertThat(context.attempts()).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "Transient", "ok");
    }

    @Test
    void oneBudgetServesTheWholeUpload() {
        TestUploadContext context = context().retries(new RetryPolicy(5, Duration.ZERO, Duration.ZERO, 3)).build();
        AtomicInteger tries = new AtomicInteger();
        context.call("first", true, a -> tries.incrementAndGet() < 3 ? fail() : "ok");

        assertThatThrownBy(() -> context.call("second", true, a -> fail()))
                .isInstanceOf(TestUploadContext.RetriesSpent.class).hasMessageContaining("second")
                .hasCauseInstanceOf(PlatformException.Transient.class);
        assertThat(context.attempts("second")).hasSize(2);
    }

    @Test
    void oneRequestGetsAtMostItsAttempts() {
        TestUploadContext context = context().retries(new RetryPolicy(3, Duration.ofSeconds(1),
                Duration.ofSeconds(4), 20)).build();

        assertThatThrownBy(() -> context.call("part", true, a -> fail()))
                .isInstanceOf(TestUploadContext.RetriesSpent.class);
        assertThat(context.attempts()).hasSize(3);
        assertThat(context.sleeps()).hasSize(2).allSatisfy(s -> assertThat(s.duration())
                .isBetween(Duration.ZERO, Duration.ofSeconds(2)));
    }

    @Test
    void anAmbiguousFailureIsRetriedOnlyWhenTheRequestIsRepeatable() {
        TestUploadContext context = context().build();
        AtomicInteger tries = new AtomicInteger();

        String status = context.call("status", true, a -> tries.incrementAndGet() == 1 ? ambiguous() : "ok");

        assertThat(status).isEqualTo("ok");
        assertThatThrownBy(() -> context.call("create", false, a -> ambiguous()))
                .isInstanceOf(PlatformException.Ambiguous.class);
        assertThat(context.attempts("create")).hasSize(1);
    }

    @Test
    void aRateLimitIsWaitedOutUntilItsResetWithinTheDeadline() {
        TestUploadContext context = context().processingDeadline(Duration.ofMinutes(10)).build();
        Instant reset = clock.instant().plusSeconds(90);
        AtomicInteger tries = new AtomicInteger();

        context.call("init", true, a -> {
            if (tries.incrementAndGet() == 1) {
                throw Faults.rateLimited(reset);
            }
            return "ok";
        });

        assertThat(clock.instant()).isEqualTo(reset);
        Instant far = clock.instant().plus(Duration.ofHours(1));
        assertThatThrownBy(() -> context.call("init", true, a -> {
            throw Faults.rateLimited(far);
        })).isInstanceOfSatisfying(PlatformException.RateLimited.class, e -> assertThat(e.resetAt()).contains(far));
    }

    @Test
    void refusedCredentialsAreRefreshedOnceAndTheRequestRepeatedOnce() {
        List<String> seen = new ArrayList<>();
        TestUploadContext context = context().refresher(access -> NEW_TOKENS).build();

        String answer = context.call("upload", false, a -> {
            seen.add(a.accessToken());
            if (a.accessToken().equals("good-token")) {
                throw Faults.unauthorized();
            }
            return "ok";
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(seen).containsExactly("good-token", "new-token");
        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(context.currentCredentials()).isEqualTo(NEW_TOKENS);
        assertThatThrownBy(() -> context.call("again", true, a -> {
            throw Faults.unauthorized();
        })).isInstanceOf(PlatformException.Unauthorized.class);
        assertThat(context.refreshes()).isEqualTo(2);
        assertThatThrownBy(() -> context().build().call("no refresher", true, a -> {
            throw Faults.unauthorized();
        })).isInstanceOf(PlatformException.Unauthorized.class);
    }

    @Test
    void refusalsPropagateAtOnce() {
        TestUploadContext context = context().build();

        assertThatThrownBy(() -> context.call("append", true, a -> {
            throw Faults.payloadTooLarge();
        })).isInstanceOf(PlatformException.PayloadTooLarge.class);
        assertThat(context.retriesSpent()).isZero();
    }

    @Test
    void processingWaitsTakeTheHintOrABackoffAndStopAtTheDeadline() {
        TestUploadContext context = context().processingDeadline(Duration.ofSeconds(20)).build();
        Instant start = clock.instant();

        context.awaitProcessing(Duration.ofSeconds(5), 10);
        context.awaitProcessing(Duration.ofMillis(10), 20);
        context.awaitProcessing(null, -1);
        context.awaitProcessing(null, -1);

        assertThat(context.processingWaits()).extracting(TestUploadContext.ProcessingWait::waited)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4),
                        Duration.ofSeconds(8));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(18));
        assertThatThrownBy(() -> context.awaitProcessing(Duration.ofSeconds(5), 50))
                .isInstanceOf(TestUploadContext.ProcessingDeadlinePassed.class);
    }

    @Test
    void aCrashAfterACheckpointLeavesItForTheNextRun() {
        TestUploadContext dying = context().crashAfterCheckpoints(2).build();
        dying.checkpoint(UploadCheckpoint.Phase.UPLOADING, "media=1", 0, null);

        assertThatThrownBy(() -> dying.checkpoint(UploadCheckpoint.Phase.UPLOADING, "media=1;parts=0", 4000, null))
                .isInstanceOf(TestUploadContext.SimulatedCrash.class);
        assertThatThrownBy(() -> dying.call("more", true, a -> "ok"))
                .isInstanceOf(TestUploadContext.SimulatedCrash.class);
        TestUploadContext next = context().journal(dying.journal()).build();

        assertThat(next.resumed()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo("media=1;parts=0");
            assertThat(c.bytesAcknowledged()).isEqualTo(4000);
            assertThat(c.id()).isEqualTo(dying.journal().uploadId());
        });
        assertThat(context().build().resumed()).as("a fresh journal").isEmpty();
    }

    @Test
    void anExpiredCheckpointOrAChangedFileIsNotResumed() {
        TestUploadContext first = context().build();
        first.checkpoint(UploadCheckpoint.Phase.PROCESSING, "media=1", file.size(), clock.instant().plusSeconds(60));

        assertThat(context().journal(first.journal()).build().resumed()).isPresent();
        MediaFile changed = TestMedia.mp4(dir, "clip.mp4", 10_000, 2);
        assertThat(TestUploadContext.builder(changed, TOKENS).clock(clock).journal(first.journal()).build()
                .resumed()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(context().journal(first.journal()).build().resumed()).isEmpty();
    }

    @Test
    void aTransportNeverWritesReadyAndReportsProgressWithinTheFile() {
        TestUploadContext context = context().build();

        assertThatThrownBy(() -> context.checkpoint(UploadCheckpoint.Phase.READY, "ref", 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        context.started(3, 0);
        context.acknowledged(4000, 1, 3);
        assertThatThrownBy(() -> context.acknowledged(10_001, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(context.bytesAcknowledged()).isEqualTo(4000);
        assertThat(context.progress()).hasSize(2);
    }

    private static String fail() {
        throw Faults.transientFailure();
    }

    private static String ambiguous() {
        throw Faults.timeout();
    }
}
