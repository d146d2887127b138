package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.TokenPair;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's faults over loopback, and the failure kind each X request turns them into (RELIABILITY.md U, A and P
 * rows): one request at a time, without the core's retries. What the whole upload makes of them is
 * {@link XUploadReliabilitySandboxTest}'s.
 */
class XFaultsSandboxTest {
    private static Sandbox sandbox;
    private static AccountAccess access;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        access = sandbox.access();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.x.faults().clear();
    }

    private XMediaRequests media() {
        return new XMediaRequests(new XFeign(XSettings.from(sandbox.context())), sandbox.clock);
    }

    private PostPublisher posts(Map<String, String> overrides) {
        return new XPlatformPlugin().postPublisher(sandbox.context(overrides));
    }

    private static PostRequest post(String text) {
        return new PostRequest(text, List.of(), null, "key", Map.of());
    }

    @Test
    void aResetInTheMiddleOfAnAppendIsTransientAndTheSegmentCanBeSentAgain() {
        XMediaRequests media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", Sandbox.CHUNK + 1000, 5);
        RemoteMedia id = media.initialize(access, video);
        Segment first = new Segment(0, 0, Sandbox.CHUNK);
        sandbox.x.faults().resetDuringAppend(1);

        assertThatThrownBy(() -> media.append(access, id.mediaId(), first, video))
                .isInstanceOf(PlatformException.Transient.class).hasMessageContaining("/append");
        media.append(access, id.mediaId(), first, video);
        media.append(access, id.mediaId(), new Segment(1, Sandbox.CHUNK, 1000), video);
        media.finalizeUpload(access, id.mediaId());

        assertThat(sandbox.media(id.mediaId())).hasValueSatisfying(m -> assertThat(m.sha256())
                .isEqualTo(video.fingerprint().sha256()));
    }

    @Test
    void serverErrorsOnMediaAreTransient() {
        XMediaRequests media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 1000, 5);
        sandbox.x.faults().failWith(Endpoint.MEDIA_INITIALIZE, 503, 1, 1);

        assertThatThrownBy(() -> media.initialize(access, video)).isInstanceOf(PlatformException.Transient.class)
                .hasMessageContaining("503");
        RemoteMedia id = media.initialize(access, video);
        media.append(access, id.mediaId(), new Segment(0, 0, 1000), video);
        sandbox.x.faults().failWith(Endpoint.MEDIA_FINALIZE, 500, 1, 1);
        assertThatThrownBy(() -> media.finalizeUpload(access, id.mediaId()))
                .isInstanceOf(PlatformException.Transient.class);
        XMediaRequests.Answer finalized = media.finalizeUpload(access, id.mediaId());
        assertThat(finalized.status().state()).isNotEqualTo(ProcessingStatus.State.FAILED);
        assertThat(finalized.size()).isEqualTo(1000);
    }

    @Test
    void rateLimitingSaysWhenItEnds() {
        sandbox.x.faults().rateLimitBurst(Endpoint.MEDIA_INITIALIZE, 1);

        assertThatThrownBy(() -> media().initialize(access, TestMedia.mp4(dir, "v.mp4", 1000, 5)))
                .isInstanceOfSatisfying(PlatformException.RateLimited.class,
                        e -> assertThat(e.resetAt()).hasValueSatisfying(
                                reset -> assertThat(reset).isAfter(sandbox.clock.instant().minusSeconds(1))));
    }

    @Test
    void pollingBeforeCheckAfterIsRateLimitedAndFailedProcessingSaysWhy() {
        XMediaRequests media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 1000, 5);
        sandbox.x.faults().failProcessing(1);
        RemoteMedia id = media.initialize(access, video);
        media.append(access, id.mediaId(), new Segment(0, 0, 1000), video);
        ProcessingStatus status = media.finalizeUpload(access, id.mediaId()).status();

        assertThat(status.checkAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> media.status(access, id.mediaId()))
                .isInstanceOf(PlatformException.RateLimited.class);
        for (int i = 0; i < 20 && !status.isDone(); i++) {
            sandbox.clock.advance(status.checkAfter());
            status = media.status(access, id.mediaId()).status();
        }
        assertThat(status.state()).isEqualTo(ProcessingStatus.State.FAILED);
        assertThat(status.errorMessage()).contains("InvalidMedia", "the sandbox was told to fail processing");
    }

    @Test
    void aTokenWithoutMediaWriteIsForbiddenForMissingScope() {
        TokenPair readOnly = sandbox.x.issueTokens(sandbox.x.defaultUser().id(),
                Set.of("tweet.read", "tweet.write", "users.read"));

        assertThatThrownBy(() -> media().initialize(sandbox.access(readOnly), TestMedia.mp4(dir, "v.mp4", 1000, 5)))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.MISSING_SCOPE));
    }

    @Test
    void aServerErrorOnAPostIsAmbiguous() {
        sandbox.x.faults().failWith(Endpoint.TWEETS_CREATE, 503, 1, 1);

        assertThatThrownBy(() -> posts(Map.of()).publish(access, post("five oh three")))
                .isInstanceOf(PlatformException.Ambiguous.class);
    }

    @Test
    void aPostWhoseAnswerIsLostIsAmbiguousAndSettlesAsFound() {
        Instant sentAt = sandbox.clock.instant();
        sandbox.x.faults().dropNextPostResponse();
        PostPublisher posts = posts(Map.of());

        assertThatThrownBy(() -> posts.publish(access, post("answer lost")))
                .isInstanceOf(PlatformException.Ambiguous.class).hasMessageContaining("may or may not exist");
        assertThat(posts.settle(access, post("answer lost"), sentAt)).isInstanceOfSatisfying(Settlement.Found.class,
                found -> assertThat(found.post().id()).isEqualTo(sandbox.x.posts().get(
                        sandbox.x.posts().size() - 1).id()));
    }

    @Test
    void aPostAnsweredAfterTheReadTimeoutIsAmbiguous() {
        sandbox.x.faults().delayNextPostResponse(Duration.ofSeconds(3));

        assertThatThrownBy(() -> posts(Map.of(XSettings.READ_TIMEOUT, "1")).publish(access, post("too slow")))
                .isInstanceOf(PlatformException.Ambiguous.class);
    }

    @Test
    void aRefusedConnectionIsTransientEvenForAPost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> posts(Map.of(XSettings.API_URL, "http://127.0.0.1:" + closedPort))
                .publish(access, post("nobody home")))
                .isInstanceOf(PlatformException.Transient.class).hasMessageContaining("could not reach X");
    }

    @Test
    void aTokenEndpointOutageIsTransientAndTheRefreshTokenSurvivesIt() {
        var authorizer = new XPlatformPlugin().authorizer(sandbox.context());
        TokenPair pair = sandbox.x.issueTokens();
        AccountAccess tokens = sandbox.access(pair);
        sandbox.x.faults().tokenOutage();

        assertThatThrownBy(() -> authorizer.refresh(tokens)).isInstanceOf(PlatformException.Transient.class)
                .hasMessageNotContaining(pair.refreshToken());
        sandbox.x.faults().endTokenOutage();
        TokenSet next = authorizer.refresh(tokens);
        assertThat(next.accessToken()).isNotEqualTo(pair.accessToken());
        assertThat(next.expiresAt()).isEqualTo(sandbox.clock.instant().plusSeconds(7200));
    }
}
