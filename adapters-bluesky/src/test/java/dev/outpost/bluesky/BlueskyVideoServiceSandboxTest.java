package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.blueskysandbox.BlueskySandbox;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import dev.outpost.ports.platform.fake.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Videos through the video service, and the faults the real PDS never makes, against the sandbox on a clock the
 * tests move (RELIABILITY B1, B2, B4; rate limits).
 */
class BlueskyVideoServiceSandboxTest {
    private static final FakeClock CLOCK = new FakeClock(Instant.now());

    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox(b -> b.clock(CLOCK).encodingTime(Duration.ofSeconds(6)));

    @TempDir
    Path dir;

    private Plugin plugin;
    private AccountAccess alice;
    private BlueskySandbox sandbox;

    @BeforeEach
    void connect() {
        sandbox = SANDBOX.sandbox();
        sandbox.faults().clear();
        plugin = new Plugin(SANDBOX, Map.of(BlueskySettings.VIDEO_SERVICE_URL, sandbox.baseUrl()));
        alice = plugin.connect("alice");
    }

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, alice).clock(CLOCK).sleeper(CLOCK::advance);
    }

    @Test
    void aVideoIsUploadedOnceEncodedAndPostedWithItsAltText() {
        MediaFile video = TestMedia.mp4(dir, "clip.mp4", 2_000_000, 1);
        TestUploadContext context = context(video).build();
        long limits = sandbox.count("app.bsky.video.getUploadLimits");
        long videos = sandbox.count("app.bsky.video.uploadVideo");
        long blobs = sandbox.count("com.atproto.repo.uploadBlob");

        MediaRef ref = plugin.transport().upload(context);
        RemotePost post = plugin.publisher().publish(alice, new PostRequest("A clip", List.of(new PostRequest.Media(
                ref.value(), video.type(), "Waves")), null, key(), Map.of()));

        assertThat(sandbox.count("app.bsky.video.getUploadLimits")).isEqualTo(limits + 1);
        assertThat(sandbox.count("app.bsky.video.uploadVideo")).isEqualTo(videos + 1);
        assertThat(sandbox.count("com.atproto.repo.uploadBlob")).isEqualTo(blobs);
        assertThat(context.processingWaits()).isNotEmpty().allSatisfy(w -> assertThat(w.hint()).isNull());
        assertThat(context.journal().latest()).hasValueSatisfying(c -> {
            assertThat(c.phase()).isEqualTo(UploadCheckpoint.Phase.PROCESSING);
            assertThat(c.state()).contains("jobId");
        });
        var record = BlueskyPostPublisherContract.read(SANDBOX, post.id()).orElseThrow().path("value");
        assertThat(record.path("embed").path("$type").asText()).isEqualTo("app.bsky.embed.video");
        assertThat(record.path("embed").path("alt").asText()).isEqualTo("Waves");
        assertThat(record.path("embed").path("video").path("size").asLong()).isEqualTo(video.size());
    }

    /** RELIABILITY B4: a crash while the video encodes resumes by polling the same job, not by sending it again. */
    @Test
    void aCrashWhileEncodingResumesByPollingTheSameJob() {
        MediaFile video = TestMedia.mp4(dir, "long.mp4", 1_000_000, 2);
        TestUploadContext dying = context(video).crashAfterCheckpoints(1).build();
        assertThatThrownBy(() -> plugin.transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        long uploads = sandbox.count("app.bsky.video.uploadVideo");

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = plugin.transport().upload(resuming);

        assertThat(sandbox.count("app.bsky.video.uploadVideo")).isEqualTo(uploads);
        assertThat(resuming.attempts()).allSatisfy(a -> assertThat(a.operation()).startsWith("check the processing"));
        assertThat(BlobRef.decode(ref.value()).blob().path("mimeType").asText()).isEqualTo("video/mp4");
    }

    @Test
    void aJobTheServiceNoLongerKnowsIsUploadedAfresh() {
        MediaFile video = TestMedia.mp4(dir, "old.mp4", 500_000, 6);
        TestUploadContext earlier = context(video).build();
        earlier.checkpoint(UploadCheckpoint.Phase.PROCESSING, "{\"service\":\"" + sandbox.baseUrl()
                + "\",\"jobId\":\"forgotten\"}", video.size(), null);
        long uploads = sandbox.count("app.bsky.video.uploadVideo");

        MediaRef ref = plugin.transport().upload(context(video).journal(earlier.journal()).build());

        assertThat(sandbox.count("app.bsky.video.uploadVideo")).isEqualTo(uploads + 1);
        assertThat(ref.value()).contains("video/mp4");
    }

    /** RELIABILITY B4: a failed job is a clear refusal with the service's message. */
    @Test
    void aFailedJobIsRefusedWithTheServicesMessage() {
        sandbox.faults().failJobs(1, "unsupported_codec");

        assertThatThrownBy(() -> plugin.transport().upload(context(TestMedia.mp4(dir, "bad.mp4", 300_000, 3))
                .build())).isInstanceOf(PlatformException.InvalidRequest.class).hasMessageContaining("bad.mp4")
                .hasMessageContaining("unsupported_codec");
    }

    /** RELIABILITY B4: with the daily quota spent, nothing is sent and the user is told why. */
    @Test
    void aSpentDailyQuotaIsRefusedBeforeSending() {
        sandbox.spendVideoQuota(alice.account().platformUserId());
        TestUploadContext context = context(TestMedia.mp4(dir, "more.mp4", 300_000, 4)).build();
        long uploads = sandbox.count("app.bsky.video.uploadVideo");

        assertThatThrownBy(() -> plugin.transport().upload(context)).isInstanceOf(
                PlatformException.InvalidRequest.class).hasMessageContaining("too many videos today")
                .hasMessageContaining("0 videos");
        assertThat(sandbox.count("app.bsky.video.uploadVideo")).isEqualTo(uploads);
    }

    @Test
    void theSameVideoSentAgainAfterALostAnswerContinuesWithItsJob() {
        sandbox.faults().loseAnswers("app.bsky.video.uploadVideo", 1);
        TestUploadContext context = context(TestMedia.mp4(dir, "again.mp4", 400_000, 5)).build();

        MediaRef ref = plugin.transport().upload(context);

        assertThat(ref.value()).contains("video/mp4");
        assertThat(context.attempts("upload again.mp4")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        assertThat(sandbox.jobCount()).isPositive();
    }

    @Test
    void aRateLimitWaitsUntilItsReset() {
        Instant reset = CLOCK.instant().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        sandbox.faults().rateLimit("com.atproto.repo.uploadBlob", 1, reset);
        TestUploadContext context = context(TestMedia.jpeg(dir, "r.jpg", 10, 10)).build();

        plugin.transport().upload(context);

        assertThat(context.attempts()).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("RateLimited", "ok");
        assertThat(CLOCK.instant()).isAfterOrEqualTo(reset);
    }

    /** RELIABILITY B1: the server expires the tokens; the upload refreshes once and goes on. */
    @Test
    void tokensExpiredByTheServerAreRefreshedOnce() {
        CLOCK.advance(Duration.ofSeconds(2));
        sandbox.faults().expireAccessTokensIssuedBefore(CLOCK.instant().plusSeconds(1));
        CLOCK.advance(Duration.ofSeconds(2));
        TestUploadContext context = context(TestMedia.jpeg(dir, "x.jpg", 10, 10))
                .refresher(access -> plugin.authorizer().refresh(access)).build();

        plugin.transport().upload(context);

        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(context.attempts().get(0).outcome()).isEqualTo("Unauthorized");
    }

    /** RELIABILITY B2 over the sandbox: the post's answer is lost; sending it again gives the same single record. */
    @Test
    void aLostAnswerOnThePostIsSentAgainAndStaysOneRecord() {
        sandbox.faults().loseAnswers("com.atproto.repo.putRecord", 1);
        PostRequest request = new PostRequest("Once", List.of(), null, key(), Map.of());

        assertThatThrownBy(() -> plugin.publisher().publish(alice, request))
                .isInstanceOf(PlatformException.Ambiguous.class);
        CLOCK.advance(Duration.ofMillis(5));
        RemotePost post = plugin.publisher().publish(alice, request);

        assertThat(post.id()).endsWith(request.idempotencyKey());
        assertThat(sandbox.recordCount(alice.account().platformUserId(), "app.bsky.feed.post")).isEqualTo(1);
    }

    @Test
    void aServerErrorOnThePostIsAmbiguousAndOnAnUploadTransient() {
        sandbox.faults().status("com.atproto.repo.putRecord", 1, 502, "InternalServerError");
        sandbox.faults().status("com.atproto.repo.uploadBlob", 1, 503, "InternalServerError");

        assertThatThrownBy(() -> plugin.publisher().publish(alice, new PostRequest("x", List.of(), null, key(),
                Map.of()))).isInstanceOf(PlatformException.Ambiguous.class);
        TestUploadContext context = context(TestMedia.jpeg(dir, "t.jpg", 10, 10)).build();
        plugin.transport().upload(context);
        assertThat(context.attempts()).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
    }

    private String key() {
        return plugin.publisher().newIdempotencyKey(CLOCK.instant(), new Random());
    }
}
