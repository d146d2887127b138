package dev.outpost.ports.platform.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The X-shaped fake's own behaviour and fault controls, which the application's reliability tests rely on. */
class XShapedPlatformTest {
    private static final long PART = 1000;

    private final FakeClock clock = new FakeClock();
    private final XShapedPlatform platform = new XShapedPlatform(clock);
    private final AccountAccess access = platform.access();
    private final MediaTransport transport = platform.plugin().mediaTransport(new PlatformContext(
            Map.of(XShapedPlatform.PART_SIZE_SETTING, Long.toString(PART)), clock, new InMemoryVault()));
    private final PostPublisher publisher = platform.plugin().postPublisher(platform.context());

    @TempDir
    Path dir;

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access).clock(clock).sleeper(clock::advance);
    }

    @Test
    void aPartFaultBeforeTheEffectIsResentAndAcknowledgedPartsAreNot() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 3000, 1);
        platform.failPart(1, Faults.resetWhileSending());

        MediaRef ref = transport.upload(context(video).build());

        assertThat(platform.calls(Operation.APPEND)).extracting(FakeCall::part, FakeCall::bytes, FakeCall::outcome)
                .containsExactly(tuple(0, 1000L, "ok"), tuple(1, 1000L, "fault:Transient"), tuple(1, 1000L, "ok"),
                        tuple(2, 1000L, "ok"));
        assertThat(platform.storedSha256(ref.value())).contains(video.fingerprint().sha256());
        assertThat(platform.pendingFaults()).isZero();
    }

    @Test
    void aLostAnswerOnAPartIsResentByIndexAndKeptOnce() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 3000, 1);
        platform.failPartAfterEffect(0, WireFault.timeout());

        MediaRef ref = transport.upload(context(video).build());

        assertThat(platform.calls(Operation.APPEND)).extracting(FakeCall::part, FakeCall::outcome)
                .startsWith(tuple(0, "ok+fault:TIMEOUT"), tuple(0, "ok"));
        assertThat(platform.storedSha256(ref.value())).contains(video.fingerprint().sha256());
        assertThat(platform.mediaBytesReceived()).isEqualTo(3000);
    }

    @Test
    void a413WithPartsInParallelRestartsWithSmallerPartsAndKeepsThem() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 8000, 1);
        platform.limitPartBytes(600);

        MediaRef ref = transport.upload(context(video).parallelism(4).build());

        assertThat(platform.count(Operation.INITIALIZE)).isEqualTo(2);
        assertThat(platform.calls(Operation.APPEND)).filteredOn(c -> c.subject().equals(ref.value()))
                .allSatisfy(c -> assertThat(c.bytes()).isLessThanOrEqualTo(500)).hasSize(16);
        assertThat(platform.storedSha256(ref.value())).contains(video.fingerprint().sha256());
    }

    @Test
    void aRateLimitedInitIsWaitedOut() {
        Instant reset = clock.instant().plusSeconds(90);
        platform.failNext(Operation.INITIALIZE, 2, Faults.http429(reset));
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 100, 1);

        transport.upload(context(video).build());

        assertThat(platform.calls(Operation.INITIALIZE)).extracting(FakeCall::outcome)
                .containsExactly("fault:429 RateLimitExceeded", "fault:429 RateLimitExceeded", "ok");
        assertThat(clock.instant()).isAfterOrEqualTo(reset);
    }

    @Test
    void processingFollowsTheScriptAndItsHintsAndAFailureNamesTheFile() {
        platform.processingScript(ProcessingStep.pending(Duration.ofSeconds(5)),
                ProcessingStep.failed("InvalidMedia: unsupported codec"));
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        TestUploadContext context = context(video).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("v.mp4").hasMessageContaining("unsupported codec");
        assertThat(context.processingWaits()).extracting(TestUploadContext.ProcessingWait::hint)
                .containsExactly(Duration.ofSeconds(5));
        assertThat(platform.calls(Operation.STATUS)).extracting(FakeCall::outcome).containsExactly("ok");
    }

    @Test
    void aPollBeforeTheHintIsRefused() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        TestUploadContext impatient = context(video).polls(Duration.ZERO, Duration.ZERO).sleeper(d -> { })
                .maxProcessingWaits(3).build();

        assertThatThrownBy(() -> transport.upload(impatient)).isInstanceOf(TestUploadContext.RetriesSpent.class)
                .hasCauseInstanceOf(PlatformException.RateLimited.class);
        assertThat(platform.calls(Operation.STATUS)).extracting(FakeCall::outcome)
                .contains("refused:429 RateLimitExceeded");
    }

    @Test
    void aResumedUploadWhoseMediaIsGoneStartsOver() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 3000, 1);
        TestUploadContext dying = context(video).crashAfterCheckpoints(2).build();
        assertThatThrownBy(() -> transport.upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        platform.collectMedia();

        MediaRef ref = transport.upload(context(video).journal(dying.journal()).build());

        assertThat(platform.count(Operation.INITIALIZE)).isEqualTo(2);
        assertThat(platform.storedSha256(ref.value())).contains(video.fingerprint().sha256());
    }

    @Test
    void aLostAnswerOnAPostIsAmbiguousAndSettledByRecentPosts() {
        Instant since = clock.instant();
        PostRequest request = new PostRequest("lost answer", List.of(), null, "k1", Map.of());
        platform.failNextAfterEffect(Operation.PUBLISH, WireFault.timeout());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);

        assertThat(platform.posts()).extracting(FakePost::text).containsExactly("lost answer");
        assertThat(publisher.settle(access, request, since)).isInstanceOfSatisfying(Settlement.Found.class,
                f -> assertThat(f.post().id()).isEqualTo(platform.posts().get(0).id()));
        assertThat(platform.count(Operation.RECENT_POSTS)).isEqualTo(1);
    }

    @Test
    void aPostWithMediaGetsALinkThatSettlingLooksPast() {
        MediaRef image = transport.upload(context(TestMedia.png(dir, "p.png", 8, 8)).build());
        PostRequest request = new PostRequest("look", List.of(new PostRequest.Media(image.value(),
                dev.outpost.domain.media.MediaType.PNG, null)), null, "k", Map.of());

        RemotePost post = publisher.publish(access, request);

        assertThat(platform.post(post.id()).orElseThrow().text()).startsWith("look https://t.co/");
        assertThat(publisher.settle(access, request, clock.instant())).isInstanceOf(Settlement.Found.class);
    }

    @Test
    void expiredAccessTokensAreRefusedUntilRefreshedAndTheOldRefreshTokenDies() {
        TokenSet tokens = access.credentials();
        platform.expireAccessTokens();
        var authorizer = platform.plugin().authorizer(platform.context());

        assertThatThrownBy(() -> platform.whoIs(access)).isInstanceOf(PlatformException.Unauthorized.class);
        TokenSet next = authorizer.refresh(access);
        assertThat(platform.whoIs(new AccountAccess(access.account(), next))).isEqualTo(XShapedPlatform.DEFAULT_USER);
        assertThatThrownBy(() -> authorizer.refresh(new AccountAccess(access.account(), tokens)))
                .isInstanceOfSatisfying(PlatformException.InvalidRequest.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_request"));
        assertThat(platform.count(Operation.REFRESH)).isEqualTo(2);
    }

    @Test
    void aTokenWithoutTheMediaScopeIsForbidden() {
        TokenSet readOnly = platform.issueTokens(XShapedPlatform.DEFAULT_USER, Set.of("tweet.read"));
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 100, 1);

        assertThatThrownBy(() -> transport.upload(TestUploadContext.builder(video, new AccountAccess(
                access.account(), readOnly)).build())).isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.MISSING_SCOPE));
    }

    @Test
    void unprocessedMediaCannotBePosted() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        platform.processingScript(ProcessingStep.pending(Duration.ofHours(1)));
        TestUploadContext context = context(video).processingDeadline(Duration.ofMinutes(1)).build();
        assertThatThrownBy(() -> transport.upload(context))
                .isInstanceOf(TestUploadContext.ProcessingDeadlinePassed.class);
        String mediaId = platform.mediaIds().get(0);

        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("too early", List.of(
                new PostRequest.Media(mediaId, video.type(), null)), null, "k", Map.of())))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }
}
