package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.outpost.xsandbox.MediaFixtures.append;
import static dev.outpost.xsandbox.MediaFixtures.initialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every fault, triggered over real HTTP on loopback. */
class FaultInjectionTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final XApiSpec.Recorder recorder = new XApiSpec.Recorder();
    private XSandbox sandbox;
    private SandboxHttp http;

    private void start(SandboxConfig.Builder config) {
        start(config.exchangeObserver(recorder).build());
    }

    private void start(SandboxConfig config) {
        sandbox = XSandbox.start(config);
        http = new SandboxHttp(sandbox).withToken(sandbox.issueTokens().accessToken());
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        XApiSpec.assertAnswersMatchSpec(recorder);
    }

    @Test
    void connectionIsResetDuringTheNthAppendBodyAndTheRetryIsAccepted() {
        start(SandboxConfig.builder());
        byte[] video = MediaFixtures.randomBytes(3 * 1024 * 1024, 7);
        String id = initialize(http, video.length, "video/mp4", "tweet_video");
        sandbox.faults().resetDuringAppend(2);
        byte[] first = java.util.Arrays.copyOfRange(video, 0, 2 * 1024 * 1024);
        byte[] second = java.util.Arrays.copyOfRange(video, 2 * 1024 * 1024, video.length);
        assertThat(append(http, id, 0, first).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> append(http, id, 1, second)).isInstanceOf(UncheckedIOException.class);

        LoggedRequest reset = sandbox.requests().forEndpoint(Endpoint.MEDIA_APPEND).get(1);
        assertThat(reset.fault()).isEqualTo("append@2x1=reset");
        assertThat(reset.status()).as("no answer was sent").isZero();
        assertThat(reset.bodyBytesRead()).isPositive().isLessThan(second.length + 1000L);
        assertThat(sandbox.state().media().get(0).segments()).hasSize(1);

        assertThat(append(http, id, 1, second).statusCode()).isEqualTo(204);
        assertThat(MediaFixtures.finalizeUpload(http, id).statusCode()).isEqualTo(200);
        assertThat(sandbox.state().media().get(0).sha256()).isEqualTo(MediaUploadTest.sha256(video));
    }

    @Test
    void aSegmentIsKeptButItsAnswerLost() {
        start(SandboxConfig.builder());
        String id = initialize(http, 10, "video/mp4", "tweet_video");
        sandbox.faults().add("append=drop");
        assertThatThrownBy(() -> append(http, id, 0, new byte[10])).isInstanceOf(UncheckedIOException.class);
        assertThat(sandbox.state().media().get(0).segments()).extracting(MediaView.SegmentView::index).containsExactly(0);
        assertThat(append(http, id, 0, new byte[10]).statusCode()).as("the client's retry of the same segment").isEqualTo(204);
        assertThat(MediaFixtures.finalizeUpload(http, id).statusCode()).isEqualTo(200);
    }

    @Test
    void chosenCallsGetServerErrors() {
        start(SandboxConfig.builder());
        sandbox.faults().failWith(Endpoint.MEDIA_INITIALIZE, 503, 2, 1).add("finalize@1x2=500");
        String id = initialize(http, 10, "video/mp4", "tweet_video");
        HttpResponse<String> unavailable = http.postJson("/2/media/upload/initialize", "{\"total_bytes\":10,\"media_type\":\"video/mp4\"}");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(SandboxHttp.json(unavailable).get("title").asText()).isEqualTo("Service Unavailable");
        initialize(http, 10, "video/mp4", "tweet_video");
        append(http, id, 0, new byte[10]);
        assertThat(MediaFixtures.finalizeUpload(http, id).statusCode()).isEqualTo(500);
        assertThat(MediaFixtures.finalizeUpload(http, id).statusCode()).isEqualTo(500);
        assertThat(MediaFixtures.finalizeUpload(http, id).statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().rules()).extracting(Faults.RuleStatus::fired).containsExactly(1, 2);
    }

    @Test
    void aBurstOf429CarriesRateLimitHeaders() {
        start(SandboxConfig.builder());
        sandbox.faults().rateLimitBurst(Endpoint.TWEETS_CREATE, 2);
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = http.postJson("/2/tweets", "{\"text\":\"try " + i + "\"}");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("x-rate-limit-remaining")).contains("0");
            assertThat(Long.parseLong(limited.headers().firstValue("x-rate-limit-reset").orElseThrow())).isBetween(now, now + 3);
            assertThat(SandboxHttp.json(limited).get("title").asText()).isEqualTo("Too Many Requests");
        }
        assertThat(http.postJson("/2/tweets", "{\"text\":\"try 2\"}").statusCode()).isEqualTo(201);
        assertThat(sandbox.posts()).hasSize(1);
    }

    @Test
    void configuredWindowsAnswer429UntilTheyReset() {
        start(SandboxConfig.builder().clock(clock).rateLimit(Endpoint.TWEETS_CREATE, 2, Duration.ofMinutes(15)));
        HttpResponse<String> first = http.postJson("/2/tweets", "{\"text\":\"1\"}");
        assertThat(first.headers().map()).containsEntry("x-rate-limit-limit", java.util.List.of("2"))
                .containsEntry("x-rate-limit-remaining", java.util.List.of("1"))
                .containsEntry("x-rate-limit-reset", java.util.List.of(Long.toString(clock.instant().plusSeconds(900).getEpochSecond())));
        assertThat(http.postJson("/2/tweets", "{\"text\":\"2\"}").headers().firstValue("x-rate-limit-remaining")).contains("0");
        assertThat(http.postJson("/2/tweets", "{\"text\":\"3\"}").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(15));
        assertThat(http.postJson("/2/tweets", "{\"text\":\"3\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void latencyIsAddedToEveryRequest() {
        start(SandboxConfig.builder());
        sandbox.faults().latency(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertThat(http.get("/2/users/me").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void bandwidthCapSlowsUploads() {
        start(SandboxConfig.builder());
        sandbox.faults().bandwidth(500_000);
        long started = System.nanoTime();
        HttpResponse<String> response = http.postMultipart("/2/media/upload", new SandboxHttp.Multipart()
                .file("media", null, MediaFixtures.png(5, 5, 250_000)).field("media_category", "tweet_image"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void processingCanEndFailedWithAnError() {
        start(SandboxConfig.builder().clock(clock).processingDuration(Duration.ofSeconds(3)).failProcessing(1));
        String id = MediaFixtures.uploadChunked(http, new byte[100], "video/mp4", "tweet_video");
        clock.advance(Duration.ofSeconds(3));
        JsonNode info = MediaFixtures.status(http, id).at("/data/processing_info");
        assertThat(info.get("state").asText()).isEqualTo("failed");
        assertThat(info.at("/error/code").asInt()).isEqualTo(1);
        assertThat(info.at("/error/name").asText()).isEqualTo("InvalidMedia");
        assertThat(info.at("/error/message").asText()).isNotBlank();
        assertThat(http.postJson("/2/tweets", "{\"text\":\"x\",\"media\":{\"media_ids\":[\"" + id + "\"]}}").statusCode()).isEqualTo(400);
        String next = MediaFixtures.uploadChunked(http, new byte[100], "video/mp4", "tweet_video");
        clock.advance(Duration.ofSeconds(3));
        assertThat(MediaFixtures.status(http, next).at("/data/processing_info/state").asText()).isEqualTo("succeeded");
    }

    @Test
    void tokenEndpointOutage() {
        start(SandboxConfig.builder());
        TokenPair pair = sandbox.issueTokens();
        sandbox.faults().tokenOutage();
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token", pair.refreshToken());
        http.bearer = null;
        for (int i = 0; i < 3; i++) {
            assertThat(http.postForm("/2/oauth2/token", refresh, SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET)
                    .statusCode()).isEqualTo(503);
        }
        sandbox.faults().endTokenOutage();
        assertThat(http.postForm("/2/oauth2/token", refresh, SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET)
                .statusCode()).as("the outage did not consume the refresh token").isEqualTo(200);
    }

    @Test
    void aPostIsCreatedButItsResponseDropped() {
        start(SandboxConfig.builder());
        sandbox.faults().dropNextPostResponse();
        assertThatThrownBy(() -> http.postJson("/2/tweets", "{\"text\":\"did it post?\"}")).isInstanceOf(UncheckedIOException.class);
        assertThat(sandbox.posts()).extracting(Post::text).containsExactly("did it post?");
        assertThat(sandbox.requests().forEndpoint(Endpoint.TWEETS_CREATE).get(0).fault()).isEqualTo("tweets@1x1=drop");
        JsonNode timeline = SandboxHttp.json(http.get("/2/users/" + sandbox.defaultUser().id() + "/tweets"));
        assertThat(timeline.at("/data/0/text").asText()).isEqualTo("did it post?");
    }

    @Test
    void aPostIsCreatedButAnsweredAfterTheClientsTimeout() throws Exception {
        start(SandboxConfig.builder());
        sandbox.faults().delayNextPostResponse(Duration.ofMillis(1500));
        HttpRequest request = http.request("/2/tweets").timeout(Duration.ofMillis(400)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"slow\"}")).build();
        assertThatThrownBy(() -> http.client.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.posts()).extracting(Post::text).containsExactly("slow");
    }

    @Test
    void faultsAreSetAndStateReadOverTheAdminApi() {
        start(SandboxConfig.builder());
        SandboxHttp admin = new SandboxHttp(sandbox);
        HttpResponse<String> set = admin.postJson("/__sandbox/faults", "{\"rules\":[\"tweets@1=503\",\"append@3=reset\"],\"fail_processing\":2}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.json(set).get("fail_processing").asInt()).isEqualTo(2);
        assertThat(http.postJson("/2/tweets", "{\"text\":\"a\"}").statusCode()).isEqualTo(503);
        assertThat(http.postJson("/2/tweets", "{\"text\":\"a\"}").statusCode()).isEqualTo(201);
        assertThat(admin.postJson("/__sandbox/faults", "{\"rules\":[\"nonsense\"]}").statusCode()).isEqualTo(400);

        JsonNode state = SandboxHttp.json(admin.get("/__sandbox/state"));
        assertThat(state.at("/posts/0/text").asText()).isEqualTo("a");
        assertThat(state.get("requests")).hasSize(2);
        assertThat(state.at("/requests/0/fault").asText()).isEqualTo("tweets@1x1=503");
        assertThat(state.at("/faultRules/1/spec").asText()).isEqualTo("append@3x1=reset");

        JsonNode tokens = SandboxHttp.json(admin.postJson("/__sandbox/tokens", "{\"scope\":\"users.read tweet.read\"}"));
        assertThat(new SandboxHttp(sandbox).withToken(tokens.get("access_token").asText()).get("/2/users/me").statusCode()).isEqualTo(200);
        assertThat(tokens.has("refresh_token")).isFalse();

        assertThat(admin.postJson("/__sandbox/reset", "").statusCode()).isEqualTo(200);
        JsonNode empty = SandboxHttp.json(admin.get("/__sandbox/state"));
        assertThat(empty.get("posts")).isEmpty();
        assertThat(empty.get("requests")).isEmpty();
        assertThat(empty.get("faultRules")).isEmpty();
    }

    @Test
    void faultsGivenAsCommandLineFlagsApplyFromTheStart() {
        SandboxConfig config = SandboxMain.parse(new String[] {"--port", "0", "--fault", "tweets@1=503", "--fault", "status@1x*=429",
                "--latency-ms", "0", "--bandwidth", "0", "--fail-processing", "1", "--rate-limit", "users_me=1/900",
                "--access-token-ttl", "60", "--client-secret", "none"}, new PrintStream(new ByteArrayOutputStream()));
        assertThat(config.defaultClient().confidential()).isFalse();
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofSeconds(60));
        start(config);
        assertThat(http.postJson("/2/tweets", "{\"text\":\"a\"}").statusCode()).isEqualTo(503);
        assertThat(http.get("/2/users/me").statusCode()).isEqualTo(200);
        assertThat(http.get("/2/users/me").statusCode()).isEqualTo(429);
        assertThat(sandbox.faults().processingFailuresLeft()).isEqualTo(1);
    }

    @Test
    void helpDocumentsTheFlags() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(SandboxMain.parse(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8))).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port", "--fault", "--auto-approve", "append@3=reset", "--bandwidth");
    }
}
