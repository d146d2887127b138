package dev.outpost.ports.platform.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TransferListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault controls the engine's tests rely on do what they say. */
class FakePlatformFaultsTest {
    private final FakeClock clock = new FakeClock();
    private final FakePlatform platform = new FakePlatform(clock);
    private final TokenSet tokens = platform.issueTokens();
    private final FakeMediaTransport media = platform.mediaTransport();

    @TempDir
    Path dir;

    @Test
    void aFaultBeforeTheEffectKeepsNothingAndTheRetryIsRecordedWithItsSegment() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 3000, 1);
        RemoteMedia id = media.initialize(tokens.accessToken(), video);
        platform.failAppend(1, Faults.resetWhileSending());

        media.append(tokens.accessToken(), id.mediaId(), new Segment(0, 0, 1000), video, TransferListener.NONE);
        assertThatThrownBy(() -> media.append(tokens.accessToken(), id.mediaId(), new Segment(1, 1000, 1000), video,
                TransferListener.NONE)).isInstanceOf(PlatformException.Transient.class);
        media.append(tokens.accessToken(), id.mediaId(), new Segment(1, 1000, 1000), video, TransferListener.NONE);
        media.append(tokens.accessToken(), id.mediaId(), new Segment(2, 2000, 1000), video, TransferListener.NONE);
        media.finalizeUpload(tokens.accessToken(), id.mediaId());

        assertThat(platform.calls(Operation.APPEND)).extracting(FakeCall::segmentIndex, FakeCall::bytes,
                FakeCall::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 1000L, "ok"),
                        org.assertj.core.groups.Tuple.tuple(1, 1000L, "fault:Transient"),
                        org.assertj.core.groups.Tuple.tuple(1, 1000L, "ok"),
                        org.assertj.core.groups.Tuple.tuple(2, 1000L, "ok"));
        assertThat(media.assembledSha256(id.mediaId())).contains(video.fingerprint().sha256());
        assertThat(platform.pendingFaults()).isZero();
    }

    @Test
    void aFaultAfterTheEffectPostsButThrowsAmbiguous() {
        platform.failNextAfterEffect(Operation.PUBLISH, Faults.timeout());

        assertThatThrownBy(() -> platform.postPublisher().publish(tokens.accessToken(),
                new PostRequest("lost answer", List.of(), null))).isInstanceOf(PlatformException.Ambiguous.class);

        assertThat(platform.posts()).extracting(p -> p.text()).containsExactly("lost answer");
        assertThat(platform.calls(Operation.PUBLISH)).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("ok+fault:Ambiguous"))
                .satisfies(c -> assertThat(c.tookEffect()).isTrue());
    }

    @Test
    void faultsCanRepeatAndCarryTheRateLimitReset() {
        Instant reset = clock.instant().plusSeconds(90);
        platform.failNext(Operation.INITIALIZE, 2, Faults.rateLimited(reset));
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 100, 1);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> media.initialize(tokens.accessToken(), video))
                    .isInstanceOfSatisfying(PlatformException.RateLimited.class,
                            e -> assertThat(e.resetAt()).contains(reset));
        }
        assertThat(media.initialize(tokens.accessToken(), video).mediaId()).isNotBlank();
    }

    @Test
    void expiredAccessTokensAreUnauthorizedUntilRefreshed() {
        platform.expireAccessTokens();

        assertThatThrownBy(() -> platform.authorizer().currentUser(tokens.accessToken()))
                .isInstanceOf(PlatformException.Unauthorized.class);
        TokenSet next = platform.authorizer().refresh(tokens);
        assertThat(platform.authorizer().currentUser(next.accessToken())).isEqualTo(FakePlatform.DEFAULT_USER);
        assertThat(platform.calls(Operation.REFRESH)).hasSize(1);
        assertThatThrownBy(() -> platform.authorizer().refresh(tokens))
                .isInstanceOfSatisfying(PlatformException.InvalidRequest.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_request"));
    }

    @Test
    void theProcessingScriptIsFollowedAndEarlyPollsAreRefused() {
        platform.processingScript(ProcessingStatus.pending(Duration.ofSeconds(5)),
                ProcessingStatus.failed("InvalidMedia: unsupported codec"));
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        RemoteMedia id = media.initialize(tokens.accessToken(), video);
        media.append(tokens.accessToken(), id.mediaId(), new Segment(0, 0, 500), video, TransferListener.NONE);

        ProcessingStatus first = media.finalizeUpload(tokens.accessToken(), id.mediaId());
        assertThat(first.checkAfter()).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> media.status(tokens.accessToken(), id.mediaId()))
                .isInstanceOfSatisfying(PlatformException.RateLimited.class,
                        e -> assertThat(e.resetAt()).contains(clock.instant().plusSeconds(1)));
        clock.advance(Duration.ofSeconds(1));

        assertThat(media.status(tokens.accessToken(), id.mediaId()).errorMessage()).contains("unsupported codec");
        assertThat(platform.calls(Operation.STATUS)).extracting(FakeCall::outcome)
                .containsExactly("refused:RateLimited", "ok");
    }

    @Test
    void oversizedSegmentsAreRefusedAndUnprocessedMediaCannotBePosted() {
        platform.limitSegmentBytes(400);
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        RemoteMedia id = media.initialize(tokens.accessToken(), video);

        assertThatThrownBy(() -> media.append(tokens.accessToken(), id.mediaId(), new Segment(0, 0, 500), video,
                TransferListener.NONE)).isInstanceOf(PlatformException.PayloadTooLarge.class);
        assertThatThrownBy(() -> platform.postPublisher().publish(tokens.accessToken(),
                new PostRequest("too early", List.of(id.mediaId()), null)))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    void aTokenWithoutTheMediaScopeIsForbidden() {
        TokenSet readOnly = platform.issueTokens(FakePlatform.DEFAULT_USER, java.util.Set.of("tweet.read"));

        assertThatThrownBy(() -> media.initialize(readOnly.accessToken(), TestMedia.mp4(dir, "v.mp4", 100, 1)))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.MISSING_SCOPE));
    }
}
