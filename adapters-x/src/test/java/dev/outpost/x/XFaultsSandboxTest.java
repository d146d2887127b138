package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TransferListener;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.TokenPair;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's faults over loopback, and the failure kind each one becomes (RELIABILITY.md U, A and P rows). */
class XFaultsSandboxTest {
    private static Sandbox sandbox;
    private static String token;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        token = sandbox.x.issueTokens().accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.x.faults().clear();
    }

    private MediaTransport media() {
        return new XPlatformPlugin().mediaTransport(sandbox.context());
    }

    private PostPublisher posts(Map<String, String> overrides) {
        return new XPlatformPlugin().postPublisher(sandbox.context(overrides));
    }

    @Test
    void aResetInTheMiddleOfAnAppendIsTransientAndTheSegmentCanBeSentAgain() {
        MediaTransport media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", Sandbox.CHUNK + 1000, 5);
        RemoteMedia id = media.initialize(token, video);
        Segment first = new Segment(0, 0, Sandbox.CHUNK);
        sandbox.x.faults().resetDuringAppend(1);

        assertThatThrownBy(() -> media.append(token, id.mediaId(), first, video, TransferListener.NONE))
                .isInstanceOf(PlatformException.Transient.class).hasMessageContaining("/append");
        AtomicLong reported = new AtomicLong();
        media.append(token, id.mediaId(), first, video, reported::addAndGet);
        media.append(token, id.mediaId(), new Segment(1, Sandbox.CHUNK, 1000), video, TransferListener.NONE);
        media.finalizeUpload(token, id.mediaId());

        assertThat(reported.get()).isEqualTo(Sandbox.CHUNK);
        assertThat(sandbox.x.state().media()).filteredOn(m -> m.id().equals(id.mediaId())).singleElement()
                .satisfies(m -> assertThat(m.sha256()).isEqualTo(video.fingerprint().sha256()));
    }

    @Test
    void serverErrorsOnMediaAreTransient() {
        MediaTransport media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 1000, 5);
        sandbox.x.faults().failWith(Endpoint.MEDIA_INITIALIZE, 503, 1, 1);

        assertThatThrownBy(() -> media.initialize(token, video)).isInstanceOf(PlatformException.Transient.class)
                .hasMessageContaining("503");
        RemoteMedia id = media.initialize(token, video);
        media.append(token, id.mediaId(), new Segment(0, 0, 1000), video, TransferListener.NONE);
        sandbox.x.faults().failWith(Endpoint.MEDIA_FINALIZE, 500, 1, 1);
        assertThatThrownBy(() -> media.finalizeUpload(token, id.mediaId()))
                .isInstanceOf(PlatformException.Transient.class);
        assertThat(media.finalizeUpload(token, id.mediaId()).state()).isNotEqualTo(ProcessingStatus.State.FAILED);
    }

    @Test
    void rateLimitingSaysWhenItEnds() {
        sandbox.x.faults().rateLimitBurst(Endpoint.MEDIA_INITIALIZE, 1);

        assertThatThrownBy(() -> media().initialize(token, TestMedia.mp4(dir, "v.mp4", 1000, 5)))
                .isInstanceOfSatisfying(PlatformException.RateLimited.class,
                        e -> assertThat(e.resetAt()).hasValueSatisfying(
                                reset -> assertThat(reset).isAfter(sandbox.clock.instant().minusSeconds(1))));
    }

    @Test
    void pollingBeforeCheckAfterIsRateLimitedAndFailedProcessingSaysWhy() {
        MediaTransport media = media();
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 1000, 5);
        sandbox.x.faults().failProcessing(1);
        RemoteMedia id = media.initialize(token, video);
        media.append(token, id.mediaId(), new Segment(0, 0, 1000), video, TransferListener.NONE);
        ProcessingStatus status = media.finalizeUpload(token, id.mediaId());

        assertThatThrownBy(() -> media.status(token, id.mediaId()))
                .isInstanceOf(PlatformException.RateLimited.class);
        for (int i = 0; i < 20 && !status.isDone(); i++) {
            sandbox.clock.advance(status.checkAfter());
            status = media.status(token, id.mediaId());
        }
        assertThat(status.state()).isEqualTo(ProcessingStatus.State.FAILED);
        assertThat(status.errorMessage()).isNotBlank();
    }

    @Test
    void aTokenWithoutMediaWriteIsForbiddenForMissingScope() {
        TokenPair readOnly = sandbox.x.issueTokens(sandbox.x.defaultUser().id(),
                Set.of("tweet.read", "tweet.write", "users.read"));

        assertThatThrownBy(() -> media().initialize(readOnly.accessToken(), TestMedia.mp4(dir, "v.mp4", 1000, 5)))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.MISSING_SCOPE));
    }

    @Test
    void aServerErrorOnAPostIsAmbiguous() {
        sandbox.x.faults().failWith(Endpoint.TWEETS_CREATE, 503, 1, 1);

        assertThatThrownBy(() -> posts(Map.of()).publish(token, new PostRequest("five oh three", List.of(), null)))
                .isInstanceOf(PlatformException.Ambiguous.class);
    }

    @Test
    void aPostWhoseAnswerIsLostIsAmbiguousAndFoundByReconciliation() {
        Instant sentAt = sandbox.clock.instant();
        sandbox.x.faults().dropNextPostResponse();
        PostPublisher posts = posts(Map.of());

        assertThatThrownBy(() -> posts.publish(token, new PostRequest("answer lost", List.of(), null)))
                .isInstanceOf(PlatformException.Ambiguous.class).hasMessageContaining("may or may not exist");
        assertThat(posts.recentPosts(token, sandbox.x.defaultUser().id(), sentAt.minusSeconds(60)))
                .anySatisfy(p -> assertThat(p.text()).isEqualTo("answer lost"));
    }

    @Test
    void aPostAnsweredAfterTheReadTimeoutIsAmbiguous() {
        sandbox.x.faults().delayNextPostResponse(Duration.ofSeconds(3));

        assertThatThrownBy(() -> posts(Map.of(XSettings.READ_TIMEOUT, "1"))
                .publish(token, new PostRequest("too slow", List.of(), null)))
                .isInstanceOf(PlatformException.Ambiguous.class);
    }

    @Test
    void aRefusedConnectionIsTransientEvenForAPost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> posts(Map.of(XSettings.API_URL, "http://127.0.0.1:" + closedPort))
                .publish(token, new PostRequest("nobody home", List.of(), null)))
                .isInstanceOf(PlatformException.Transient.class).hasMessageContaining("could not reach X");
    }

    @Test
    void aTokenEndpointOutageIsTransientAndTheRefreshTokenSurvivesIt() {
        var authorizer = new XPlatformPlugin().authorizer(sandbox.context());
        TokenPair pair = sandbox.x.issueTokens();
        TokenSet tokens = TokenSet.issued(pair.accessToken(), pair.refreshToken(),
                sandbox.clock.instant().plusSeconds(7200), Set.of());
        sandbox.x.faults().tokenOutage();

        assertThatThrownBy(() -> authorizer.refresh(tokens)).isInstanceOf(PlatformException.Transient.class)
                .hasMessageNotContaining(pair.refreshToken());
        sandbox.x.faults().endTokenOutage();
        assertThat(authorizer.refresh(tokens).accessToken()).isNotEqualTo(pair.accessToken());
    }
}
