package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.outpost.xsandbox.MediaFixtures.append;
import static dev.outpost.xsandbox.MediaFixtures.finalizeUpload;
import static dev.outpost.xsandbox.MediaFixtures.initialize;
import static dev.outpost.xsandbox.MediaFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

class MediaUploadTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final XApiSpec.Recorder recorder = new XApiSpec.Recorder();
    private XSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = XSandbox.start(SandboxConfig.builder().clock(clock).maxSegmentBytes(256 * 1024)
                .processingDuration(Duration.ofSeconds(10)).checkAfterSecs(2).exchangeObserver(recorder).build());
        http = new SandboxHttp(sandbox).withToken(sandbox.issueTokens().accessToken());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        XApiSpec.assertAnswersMatchSpec(recorder);
    }

    @Test
    void mediaEndpointsNeedTheMediaWriteScope() {
        http.withToken(sandbox.issueTokens(sandbox.defaultUser().id(), Set.of("tweet.read", "tweet.write", "users.read")).accessToken());
        HttpResponse<String> response = http.postJson("/2/media/upload/initialize", "{\"total_bytes\":10,\"media_type\":\"image/png\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/problem+json");
        assertThat(SandboxHttp.json(response).get("title").asText()).isEqualTo("Forbidden");
        assertThat(response.headers().firstValue("x-rate-limit-limit")).isPresent();
    }

    @Test
    void oneShotMultipartImageAnswersWithSizeTypeAndDimensions() {
        byte[] png = MediaFixtures.png(640, 480, 5000);
        HttpResponse<String> response = http.postMultipart("/2/media/upload", new SandboxHttp.Multipart()
                .file("media", "photo.png", png).field("media_category", "tweet_image"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = SandboxHttp.json(response).get("data");
        assertThat(data.get("id").asText()).matches("[0-9]{19}");
        assertThat(data.get("media_key").asText()).isEqualTo("3_" + data.get("id").asText());
        assertThat(data.get("size").asLong()).isEqualTo(5000);
        assertThat(data.get("expires_after_secs").asLong()).isEqualTo(86400);
        assertThat(data.at("/image/image_type").asText()).isEqualTo("image/png");
        assertThat(data.at("/image/w").asInt()).isEqualTo(640);
        assertThat(data.has("processing_info")).isFalse();
        MediaView view = sandbox.state().media().get(0);
        assertThat(view.sha256()).isEqualTo(sha256(png));
    }

    @Test
    void oneShotJsonBase64UploadWorksToo() {
        byte[] png = MediaFixtures.png(10, 20, 300);
        HttpResponse<String> response = http.postJson("/2/media/upload",
                "{\"media\":\"" + Base64.getEncoder().encodeToString(png) + "\",\"media_category\":\"tweet_image\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(sandbox.state().media().get(0).sha256()).isEqualTo(sha256(png));
    }

    @Test
    void chunkedUploadTakesPartsInAnyOrderSegmentsOutOfOrderAndConcurrently() throws Exception {
        byte[] video = MediaFixtures.randomBytes(5 * 200_000 + 17, 1);
        String id = initialize(http, video.length, "video/mp4", "tweet_video");
        List<Integer> order = new ArrayList<>(List.of(4, 1, 5, 0, 3, 2));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int index : order) {
                byte[] part = Arrays.copyOfRange(video, Math.min(video.length, index * 200_000), Math.min(video.length, (index + 1) * 200_000));
                // media first with a filename, segment_index after it: xurl's order (FACTS §7)
                SandboxHttp.Multipart body = index % 2 == 0
                        ? new SandboxHttp.Multipart().file("media", "clip.mp4", part).field("segment_index", Integer.toString(index))
                        : new SandboxHttp.Multipart().field("segment_index", Integer.toString(index)).file("media", null, part);
                results.add(pool.submit(() -> http.postMultipart("/2/media/upload/" + id + "/append", body)));
            }
            for (Future<HttpResponse<String>> result : results) {
                assertThat(result.get().statusCode()).isEqualTo(204);
                assertThat(result.get().body()).isEmpty();
                assertThat(result.get().headers().firstValue("content-type")).as("a 204 has no content type").isEmpty();
            }
        } finally {
            pool.shutdown();
        }
        HttpResponse<String> finalized = finalizeUpload(http, id);
        assertThat(finalized.statusCode()).isEqualTo(200);
        JsonNode data = SandboxHttp.json(finalized).get("data");
        assertThat(data.get("media_key").asText()).startsWith("7_");
        assertThat(data.at("/processing_info/state").asText()).isEqualTo("pending");
        assertThat(data.at("/processing_info/check_after_secs").asInt()).isEqualTo(2);
        MediaView view = sandbox.state().media().get(0);
        assertThat(view.size()).isEqualTo(video.length);
        assertThat(view.sha256()).isEqualTo(sha256(video));
        assertThat(view.segments()).extracting(MediaView.SegmentView::index).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void jsonAppendWithBase64MediaAndTheSpecs200AnswerAreSupported() {
        sandbox.close();
        sandbox = XSandbox.start(SandboxConfig.builder().clock(clock).appendAnswersNoContent(false).build());
        http = new SandboxHttp(sandbox).withToken(sandbox.issueTokens().accessToken());
        String id = initialize(http, 3, "image/png", "tweet_image");
        HttpResponse<String> response = http.postJson("/2/media/upload/" + id + "/append",
                "{\"segment_index\":0,\"media\":\"" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.json(response).at("/data/expires_at").asLong()).isEqualTo(clock.instant().plusSeconds(86400).getEpochSecond());
    }

    @Test
    void aSegmentOverTheLimitGets413WithAnEmptyBody() {
        String id = initialize(http, 300_000, "video/mp4", "tweet_video");
        HttpResponse<String> response = append(http, id, 0, new byte[256 * 1024 + 1]);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEmpty();
        assertThat(append(http, id, 0, new byte[256 * 1024]).statusCode()).isEqualTo(204);
    }

    @Test
    void finalizeRefusesMissingSegmentsAndAWrongTotal() {
        String id = initialize(http, 30, "video/mp4", "tweet_video");
        append(http, id, 0, new byte[10]);
        append(http, id, 2, new byte[10]);
        HttpResponse<String> gap = finalizeUpload(http, id);
        assertThat(gap.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(gap).at("/errors/0/message").asText()).contains("Segments [1]", "missing");
        append(http, id, 1, new byte[9]);
        HttpResponse<String> total = finalizeUpload(http, id);
        assertThat(total.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(total).at("/errors/0/message").asText()).contains("received 29 bytes", "total_bytes was 30");
        append(http, id, 1, new byte[10]);
        assertThat(finalizeUpload(http, id).statusCode()).isEqualTo(200);
    }

    @Test
    void badSegmentIndexIsA400() {
        String id = initialize(http, 30, "video/mp4", "tweet_video");
        assertThat(append(http, id, 1000, new byte[1]).statusCode()).isEqualTo(400);
        assertThat(http.postMultipart("/2/media/upload/" + id + "/append",
                new SandboxHttp.Multipart().file("media", null, new byte[1])).statusCode()).isEqualTo(400);
    }

    @Test
    void statusWalksThroughPendingInProgressAndSucceededAndRefusesEarlyPolls() {
        String id = MediaFixtures.uploadChunked(http, new byte[1000], "video/mp4", "tweet_video");
        HttpResponse<String> early = http.get("/2/media/upload?command=STATUS&media_id=" + id);
        assertThat(early.statusCode()).isEqualTo(429);
        assertThat(early.headers().firstValue("x-rate-limit-remaining")).contains("0");
        assertThat(early.headers().firstValue("x-rate-limit-reset"))
                .as("reset says when the poll is due").contains(Long.toString(clock.instant().plusSeconds(2).getEpochSecond()));

        clock.advance(Duration.ofSeconds(2));
        JsonNode inProgress = status(http, id).at("/data/processing_info");
        assertThat(inProgress.get("state").asText()).isEqualTo("in_progress");
        assertThat(inProgress.get("progress_percent").asInt()).isEqualTo(20);
        assertThat(inProgress.get("check_after_secs").asInt()).isGreaterThanOrEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(http.get("/2/media/upload?command=STATUS&media_id=" + id).statusCode()).as("before check_after_secs").isEqualTo(429);
        sandbox.setRejectEarlyStatusPolls(false);
        assertThat(http.get("/2/media/upload?command=STATUS&media_id=" + id).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(8));
        JsonNode done = status(http, id).get("data");
        assertThat(done.at("/processing_info/state").asText()).isEqualTo("succeeded");
        assertThat(done.at("/processing_info/progress_percent").asInt()).isEqualTo(100);
        assertThat(done.at("/video/video_type").asText()).isEqualTo("video/mp4");
    }

    @Test
    void statusOfAnImageIsX400NotFound() {
        String id = MediaFixtures.uploadChunked(http, MediaFixtures.png(1, 1, 100), "image/png", "tweet_image");
        HttpResponse<String> response = http.get("/2/media/upload?command=STATUS&media_id=" + id);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(response).at("/errors/0/message").asText()).isEqualTo("BadRequest: Not found");
    }

    @Test
    void mediaKeyPrefixesFollowTheCategory() {
        assertThat(key(initialize(http, 10, "image/gif", "tweet_gif"))).startsWith("16_");
        assertThat(key(initialize(http, 10, "video/mp4", "amplify_video"))).startsWith("13_");
        assertThat(key(initialize(http, 10, "image/jpeg", "tweet_image"))).startsWith("3_");
        HttpResponse<String> amplify = http.postJson("/2/media/upload/initialize",
                "{\"total_bytes\":10,\"media_type\":\"video/mp4\",\"media_category\":\"amplify_video\"}");
        assertThat(SandboxHttp.json(amplify).at("/data/expires_after_secs").asLong()).isEqualTo(1_296_000);
    }

    @Test
    void initializeValidatesItsFields() {
        assertThat(http.postJson("/2/media/upload/initialize", "{\"total_bytes\":10,\"media_type\":\"application/zip\"}").statusCode()).isEqualTo(400);
        assertThat(http.postJson("/2/media/upload/initialize", "{\"media_type\":\"image/png\"}").statusCode()).isEqualTo(400);
        assertThat(http.postJson("/2/media/upload/initialize", "{\"total_bytes\":6000000,\"media_type\":\"image/png\",\"media_category\":\"tweet_image\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = http.postJson("/2/media/upload/initialize", "{total_bytes");
        assertThat(SandboxHttp.json(notJson).at("/errors/0/message").asText()).isEqualTo("Request body is not valid JSON.");
    }

    @Test
    void altTextIsStoredAndLimitedTo1000Characters() {
        String id = MediaFixtures.uploadChunked(http, MediaFixtures.png(2, 2, 100), "image/png", "tweet_image");
        HttpResponse<String> ok = http.postJson("/2/media/metadata", "{\"id\":\"" + id + "\",\"metadata\":{\"alt_text\":{\"text\":\"A cat\"}}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.json(ok).at("/data/associated_metadata/alt_text/text").asText()).isEqualTo("A cat");
        assertThat(sandbox.state().media().get(0).altText()).isEqualTo("A cat");
        String tooLong = "x".repeat(1001);
        assertThat(http.postJson("/2/media/metadata", "{\"id\":\"" + id + "\",\"metadata\":{\"alt_text\":{\"text\":\"" + tooLong + "\"}}}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void mediaIdsExpire() {
        String id = initialize(http, 10, "image/png", "tweet_image");
        clock.advance(Duration.ofHours(24));
        http.withToken(sandbox.issueTokens().accessToken());
        HttpResponse<String> late = append(http, id, 0, new byte[10]);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(late).at("/errors/0/message").asText()).contains("expired");
    }

    @Test
    void anotherUsersMediaIsNotFound() {
        String id = initialize(http, 10, "image/png", "tweet_image");
        sandbox.registerUser(new SandboxUser("42", "someone", "Someone"));
        http.withToken(sandbox.issueTokens("42", XSandbox.DEFAULT_SCOPES).accessToken());
        assertThat(append(http, id, 0, new byte[10]).statusCode()).isEqualTo(400);
    }

    private String key(String id) {
        return sandbox.state().media().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().mediaKey();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
