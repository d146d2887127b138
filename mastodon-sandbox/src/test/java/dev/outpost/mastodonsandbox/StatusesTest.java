package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatusesTest extends SandboxTestBase {
    @Test
    void theSameIdempotencyKeyGivesTheSameStatusForAnHour() {
        String token = sandbox.issueToken();

        JsonNode first = post(token, Map.of("status", "Once"), "key-1");
        JsonNode again = post(token, Map.of("status", "Once"), "key-1");
        clock.advance(Duration.ofMinutes(61));
        JsonNode later = post(token, Map.of("status", "Once"), "key-1");

        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(later.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(sandbox.statuses()).hasSize(2);
    }

    @Test
    void aStatusCarriesItsOptionsMediaAndLink() {
        String token = sandbox.issueToken();
        String media = http.postMultipart("/api/v2/media", token, Map.of("description", "alt"), Media.png(100))
                .json().get("id").asText();

        JsonNode status = post(token, Map.of("status", "Look\n\nat this https://example.com/x", "media_ids",
                List.of(media), "visibility", "unlisted", "spoiler_text", "Spoilers", "sensitive", true,
                "language", "en"), null);

        assertThat(status.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(status.get("spoiler_text").asText()).isEqualTo("Spoilers");
        assertThat(status.get("sensitive").asBoolean()).isTrue();
        assertThat(status.get("language").asText()).isEqualTo("en");
        assertThat(status.get("content").asText()).startsWith("<p>Look</p><p>at this <a href=\"https://example.com/x\"");
        assertThat(status.get("media_attachments").get(0).get("description").asText()).isEqualTo("alt");
        assertThat(status.get("url").asText()).isEqualTo(sandbox.baseUrl() + "/@alice/" + status.get("id").asText());
        assertThat(http.get(status.get("url").asText(), null).body()).contains("Spoilers", "Look");
    }

    @Test
    void aReplyNamesItsParent() {
        String token = sandbox.issueToken();
        String parent = post(token, Map.of("status", "First"), null).get("id").asText();

        JsonNode reply = post(token, Map.of("status", "Second", "in_reply_to_id", parent), null);

        assertThat(reply.get("in_reply_to_id").asText()).isEqualTo(parent);
        assertThat(reply.get("in_reply_to_account_id").asText()).isEqualTo(SandboxUser.DEFAULT.id());
        Http.Answer missing = http.postJson("/api/v1/statuses", token, Map.of("status", "x", "in_reply_to_id", "1"));
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void theServersOwnLimitCountsUrlsAs23AndMentionsShort() {
        String token = sandbox.issueToken();
        String url = "https://example.com/" + "a".repeat(200);
        String text = "x".repeat(500 - 23 - 2 - 4) + " " + url + " @bob@far.example.org";

        assertThat(http.postJson("/api/v1/statuses", token, Map.of("status", text)).status()).isEqualTo(200);
        Http.Answer over = http.postJson("/api/v1/statuses", token, Map.of("status", text + "!"));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("error").asText()).isEqualTo("Validation failed: Text character limit of 500 "
                + "exceeded");

        sandbox.limits(sandbox.limits().withMaxCharacters(5000));
        assertThat(http.get("/api/v2/instance", null).json().at("/configuration/statuses/max_characters").asInt())
                .isEqualTo(5000);
        assertThat(http.postJson("/api/v1/statuses", token, Map.of("status", "y".repeat(4999))).status())
                .isEqualTo(200);
    }

    @Test
    void mediaStillProcessingIsRefusedUntilReady() {
        String token = sandbox.issueToken();
        sandbox.faults().processingPolls(1);
        String video = http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(2000)).json().get("id").asText();

        Http.Answer early = http.postJson("/api/v1/statuses", token, Map.of("status", "Video",
                "media_ids", List.of(video)));
        http.get("/api/v1/media/" + video, token);
        http.get("/api/v1/media/" + video, token);
        Http.Answer ready = http.postJson("/api/v1/statuses", token, Map.of("status", "Video",
                "media_ids", List.of(video)));

        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("error").asText()).isEqualTo("Cannot attach files that have not finished "
                + "processing. Try again in a moment!");
        assertThat(ready.status()).isEqualTo(200);
    }

    @Test
    void unknownOrMixedMediaIsRefused() {
        String token = sandbox.issueToken();
        String image = http.postMultipart("/api/v2/media", token, Map.of(), Media.png(100)).json().get("id").asText();
        sandbox.faults().processingPolls(0);
        String video = http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(2000)).json().get("id").asText();
        http.get("/api/v1/media/" + video, token);

        Http.Answer unknown = http.postJson("/api/v1/statuses", token, Map.of("media_ids", List.of("123")));
        Http.Answer mixed = http.postJson("/api/v1/statuses", token, Map.of("media_ids", List.of(image, video)));
        Http.Answer empty = http.postJson("/api/v1/statuses", token, Map.of("status", " "));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Media 123 not found or already attached to "
                + "another post");
        assertThat(mixed.json().get("error").asText()).isEqualTo("Cannot attach a video to a post that already "
                + "contains images");
        assertThat(empty.json().get("error").asText()).isEqualTo("Validation failed: Text can't be blank");
    }

    @Test
    void aRevokedTokenIs401AndA429SaysWhenItResets() {
        String token = sandbox.issueToken();
        sandbox.faults().add("statuses=429:120");

        Http.Answer limited = http.postJson("/api/v1/statuses", token, Map.of("status", "Hi"));
        sandbox.revoke(token);
        Http.Answer revoked = http.postJson("/api/v1/statuses", token, Map.of("status", "Hi"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Instant.parse(limited.header("X-RateLimit-Reset"))).isEqualTo(clock.instant().plusSeconds(120));
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(sandbox.statuses()).isEmpty();
    }

    @Test
    void theRateLimitHoldsUntilItsWindowResets() {
        sandbox.close();
        sandbox = MastodonSandbox.start(SandboxConfig.builder().clock(clock).exchangeObserver(recorder)
                .rateLimit(2, Duration.ofMinutes(5)).build());
        http = new Http(sandbox.baseUrl());
        String token = sandbox.issueToken();

        http.postJson("/api/v1/statuses", token, Map.of("status", "1"));
        http.postJson("/api/v1/statuses", token, Map.of("status", "2"));
        Http.Answer third = http.postJson("/api/v1/statuses", token, Map.of("status", "3"));
        clock.advance(Duration.ofMinutes(5));
        Http.Answer after = http.postJson("/api/v1/statuses", token, Map.of("status", "4"));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("error").asText()).isEqualTo("Too many requests");
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void accountStatusesShowPublicOnesToAnyoneAndAllToTheirAuthorWithReadStatuses() {
        String token = sandbox.issueToken();
        String open = post(token, Map.of("status", "Open"), null).get("id").asText();
        String closed = post(token, Map.of("status", "Closed", "visibility", "private"), null).get("id").asText();
        String path = "/api/v1/accounts/" + SandboxUser.DEFAULT.id() + "/statuses";

        JsonNode anonymous = http.get(path + "?limit=40", null).json();
        Http.Answer withoutScope = http.get(path, token);
        String reader = sandbox.issueToken(SandboxUser.DEFAULT.id(), Set.of("read:statuses"));
        Http.Answer own = http.get(path + "?limit=1", reader);

        assertThat(anonymous).extracting(s -> s.get("id").asText()).containsExactly(open);
        assertThat(withoutScope.status()).isEqualTo(403);
        assertThat(own.json()).extracting(s -> s.get("id").asText()).containsExactly(closed);
        assertThat(own.header("Link")).contains("max_id=" + closed);
        JsonNode older = http.get(path + "?limit=1&max_id=" + closed, reader).json();
        assertThat(older).extracting(s -> s.get("id").asText()).containsExactly(open);
        assertThat(http.get("/api/v1/statuses/" + closed, null).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/statuses/" + closed, reader).status()).isEqualTo(200);
    }

    JsonNode post(String token, Map<String, ?> body, String key) {
        Http.Answer answer = key == null ? http.postJson("/api/v1/statuses", token, body)
                : http.postJson("/api/v1/statuses", token, body, "Idempotency-Key", key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
