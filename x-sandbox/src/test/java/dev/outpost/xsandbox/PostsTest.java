package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PostsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final XApiSpec.Recorder recorder = new XApiSpec.Recorder();
    private XSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = XSandbox.start(SandboxConfig.builder().clock(clock).processingDuration(Duration.ofSeconds(5)).exchangeObserver(recorder).build());
        http = new SandboxHttp(sandbox).withToken(sandbox.issueTokens().accessToken());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        XApiSpec.assertAnswersMatchSpec(recorder);
    }

    @Test
    void aTextPostIsCreatedWith201() {
        HttpResponse<String> response = post("{\"text\":\"Hello from the sandbox\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode data = SandboxHttp.json(response).get("data");
        assertThat(data.get("id").asText()).matches("[0-9]{19}");
        assertThat(data.get("text").asText()).isEqualTo("Hello from the sandbox");
        assertThat(data.get("edit_history_tweet_ids").get(0).asText()).isEqualTo(data.get("id").asText());
        assertThat(response.headers().firstValue("x-rate-limit-limit")).contains("100");
    }

    @Test
    void postsWithImagesGetATcoLinkAndKeepTheirMedia() {
        String a = image(1);
        String b = image(2);
        HttpResponse<String> response = post("{\"text\":\"two cats\",\"media\":{\"media_ids\":[\"" + a + "\",\"" + b + "\"]}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(SandboxHttp.json(response).at("/data/text").asText()).matches("two cats https://t\\.co/\\w+");
        Post post = sandbox.posts().get(0);
        assertThat(post.submittedText()).isEqualTo("two cats");
        assertThat(post.mediaKeys()).containsExactly("3_" + a, "3_" + b);
    }

    @Test
    void aPostsLinkOpensItsPageAndAnUnknownOneIsNotFound() {
        String id = SandboxHttp.json(post("{\"text\":\"<b>escaped</b> & shown\"}")).at("/data/id").asText();

        HttpResponse<String> page = new SandboxHttp(sandbox).get("/i/web/status/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("@outpost_sandbox").contains("&lt;b&gt;escaped&lt;/b&gt; &amp; shown");
        assertThat(new SandboxHttp(sandbox).get("/i/web/status/1234567890123456789").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidMediaIdsAreRefusedInXsWords() {
        String video = MediaFixtures.uploadChunked(http, new byte[100], "video/mp4", "tweet_video");
        assertInvalidMedia(post(withMedia("unprocessed", video)), video);
        assertInvalidMedia(post(withMedia("unknown", "1234567890123456789")), "1234567890123456789");

        sandbox.registerUser(new SandboxUser("42", "someone", "Someone"));
        SandboxHttp other = new SandboxHttp(sandbox).withToken(sandbox.issueTokens("42", XSandbox.DEFAULT_SCOPES).accessToken());
        clock.advance(Duration.ofSeconds(6));
        assertInvalidMedia(other.postJson("/2/tweets", withMedia("not mine", video)), video);
        assertThat(post(withMedia("processed now", video)).statusCode()).isEqualTo(201);

        String expiring = image(3);
        clock.advance(Duration.ofHours(24));
        http.withToken(sandbox.issueTokens().accessToken());
        assertInvalidMedia(post(withMedia("expired", expiring)), expiring);
    }

    @Test
    void atMostFourImagesOrOneVideoOrGif() {
        List<String> five = List.of(image(1), image(2), image(3), image(4), image(5));
        assertThat(post(withMedia("five", five.toArray(String[]::new))).statusCode()).isEqualTo(400);
        assertThat(post(withMedia("four", five.subList(0, 4).toArray(String[]::new))).statusCode()).isEqualTo(201);
        String video = MediaFixtures.uploadChunked(http, new byte[100], "video/mp4", "tweet_video");
        clock.advance(Duration.ofSeconds(6));
        HttpResponse<String> mixed = post(withMedia("mixed", video, five.get(4)));
        assertThat(mixed.statusCode()).isEqualTo(400);
    }

    @Test
    void weightedLengthIsCountedWithTwitterText() {
        assertThat(post("{\"text\":\"" + "a".repeat(280) + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> tooLong = post("{\"text\":\"" + "b".repeat(281) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(tooLong).at("/errors/0/message").asText()).startsWith("Your Tweet text is too long.");
        // CJK weighs 2: 140 fit, 141 do not
        assertThat(post("{\"text\":\"" + "漢".repeat(140) + "\"}").statusCode()).isEqualTo(201);
        assertThat(post("{\"text\":\"" + "字".repeat(141) + "\"}").statusCode()).isEqualTo(400);
        // a URL counts 23 whatever its length
        assertThat(post("{\"text\":\"" + "c".repeat(250) + " https://example.com/" + "d".repeat(100) + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void duplicateTextOfTheSameUserIs403() {
        assertThat(post("{\"text\":\"same\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> again = post("{\"text\":\"same\"}");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(SandboxHttp.json(again).get("detail").asText()).isEqualTo("You are not allowed to create a Tweet with duplicate content.");
        sandbox.registerUser(new SandboxUser("42", "someone", "Someone"));
        SandboxHttp other = new SandboxHttp(sandbox).withToken(sandbox.issueTokens("42", XSandbox.DEFAULT_SCOPES).accessToken());
        assertThat(other.postJson("/2/tweets", "{\"text\":\"same\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void repliesNeedAnExistingPost() {
        String first = SandboxHttp.json(post("{\"text\":\"first\"}")).at("/data/id").asText();
        assertThat(post("{\"text\":\"reply\",\"reply\":{\"in_reply_to_tweet_id\":\"" + first + "\"}}").statusCode()).isEqualTo(201);
        assertThat(sandbox.posts().get(1).inReplyToTweetId()).isEqualTo(first);
        assertThat(post("{\"text\":\"orphan\",\"reply\":{\"in_reply_to_tweet_id\":\"1\"}}").statusCode()).isEqualTo(400);
    }

    @Test
    void malformedJsonAndEmptyPostsAre400() {
        HttpResponse<String> broken = post("{\"text\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(broken).at("/errors/0/message").asText()).isEqualTo("Request body is not valid JSON.");
        assertThat(SandboxHttp.json(broken).get("type").asText()).isEqualTo("https://api.twitter.com/2/problems/invalid-request");
        assertThat(post("{}").statusCode()).isEqualTo(400);
    }

    @Test
    void postingNeedsTweetWriteAndAValidToken() {
        http.withToken(sandbox.issueTokens(sandbox.defaultUser().id(), java.util.Set.of("tweet.read", "users.read")).accessToken());
        assertThat(post("{\"text\":\"nope\"}").statusCode()).isEqualTo(403);
        http.withToken("not-a-token");
        HttpResponse<String> unauthorized = post("{\"text\":\"nope\"}");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("x-rate-limit-limit")).as("headers on every answer").isPresent();
    }

    @Test
    void userTimelineSupportsStartTimeMaxResultsAndPagination() {
        String userId = sandbox.defaultUser().id();
        for (int i = 0; i < 7; i++) {
            post("{\"text\":\"post " + i + "\"}");
            clock.advance(Duration.ofMinutes(1));
        }
        JsonNode page = SandboxHttp.json(http.get("/2/users/" + userId + "/tweets?max_results=5&tweet.fields=created_at,author_id"));
        assertThat(texts(page)).isEqualTo("post 6,post 5,post 4,post 3,post 2");
        assertThat(page.at("/meta/result_count").asInt()).isEqualTo(5);
        assertThat(page.at("/data/0/created_at").asText()).isEqualTo("2026-03-01T10:06:00.000Z");
        JsonNode next = SandboxHttp.json(http.get("/2/users/" + userId + "/tweets?max_results=5&pagination_token=" + page.at("/meta/next_token").asText()));
        assertThat(texts(next)).isEqualTo("post 1,post 0");
        JsonNode since = SandboxHttp.json(http.get("/2/users/" + userId + "/tweets?max_results=5&start_time=2026-03-01T10:05:00Z"));
        assertThat(texts(since)).isEqualTo("post 6,post 5");
        assertThat(http.get("/2/users/" + userId + "/tweets?max_results=500").statusCode()).isEqualTo(400);
        JsonNode none = SandboxHttp.json(http.get("/2/users/" + userId + "/tweets?start_time=2027-01-01T00:00:00Z"));
        assertThat(none.at("/meta/result_count").asInt()).isZero();
    }

    @Test
    void lookupFindsAPostOrAnswersXsNotFoundError() {
        String id = SandboxHttp.json(post("{\"text\":\"find me\"}")).at("/data/id").asText();
        assertThat(SandboxHttp.json(http.get("/2/tweets/" + id)).at("/data/text").asText()).isEqualTo("find me");
        JsonNode missing = SandboxHttp.json(http.get("/2/tweets/1"));
        assertThat(missing.at("/errors/0/title").asText()).isEqualTo("Not Found Error");
    }

    @Test
    void unknownPathsGetAProblemNotAnHtmlPage() {
        HttpResponse<String> response = http.get("/2/no/such/thing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(SandboxHttp.json(response).get("title").asText()).isEqualTo("Not Found Error");
    }

    private static String texts(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.get("data").spliterator(), false)
                .map(n -> n.get("text").asText()).collect(Collectors.joining(","));
    }

    private void assertInvalidMedia(HttpResponse<String> response, String id) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = SandboxHttp.json(response);
        assertThat(body.at("/errors/0/message").asText()).isEqualTo("Your media IDs are invalid.");
        assertThat(body.at("/errors/0/parameters/media.media_ids/0").asText()).isEqualTo(id);
        assertThat(body.get("title").asText()).isEqualTo("Invalid Request");
    }

    private String image(int seed) {
        HttpResponse<String> response = http.postMultipart("/2/media/upload", new SandboxHttp.Multipart()
                .file("media", null, MediaFixtures.png(seed, seed, 100)).field("media_category", "tweet_image"));
        return SandboxHttp.json(response).at("/data/id").asText();
    }

    private static String withMedia(String text, String... ids) {
        return "{\"text\":\"" + text + "\",\"media\":{\"media_ids\":[" + java.util.Arrays.stream(ids)
                .map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "]}}";
    }

    private HttpResponse<String> post(String json) {
        return http.postJson("/2/tweets", json);
    }
}
