package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTest extends SandboxTestBase {
    @Test
    void anImageIsReadyAtOnceWithItsDescriptionAndFocus() {
        String token = sandbox.issueToken();
        byte[] png = Media.png(20_000);

        Http.Answer answer = http.postMultipart("/api/v2/media", token, Map.of("description", "A test card",
                "focus", "-0.5,0.25"), png);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode media = answer.json();
        assertThat(media.get("type").asText()).isEqualTo("image");
        assertThat(media.get("url").asText()).startsWith(sandbox.baseUrl());
        assertThat(media.get("description").asText()).isEqualTo("A test card");
        assertThat(media.at("/meta/focus/x").asDouble()).isEqualTo(-0.5);
        SandboxMedia stored = sandbox.media().get(0);
        assertThat(stored.sha256()).isEqualTo(Media.sha256(png));
        assertThat(stored.size()).isEqualTo(png.length);
        assertThat(stored.state()).isEqualTo("ready");
    }

    @Test
    void aVideoIsProcessingThenPolled206UntilReady() {
        String token = sandbox.issueToken();
        sandbox.faults().processingPolls(3);

        Http.Answer created = http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(300_000));

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.json().get("url").isNull()).isTrue();
        assertThat(created.json().get("type").asText()).isEqualTo("video");
        String id = created.json().get("id").asText();
        for (int i = 0; i < 3; i++) {
            Http.Answer poll = http.get("/api/v1/media/" + id, token);
            assertThat(poll.status()).isEqualTo(206);
            assertThat(poll.json().get("url").isNull()).isTrue();
        }
        Http.Answer ready = http.get("/api/v1/media/" + id, token);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("url").asText()).isNotBlank();
        assertThat(http.get("/api/v1/media/" + id, token).status()).isEqualTo(200);
    }

    @Test
    void aGifBecomesGifvAndProcesses() {
        String token = sandbox.issueToken();

        Http.Answer created = http.postMultipart("/api/v2/media", token, Map.of(), Media.gif(5000));

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.json().get("type").asText()).isEqualTo("gifv");
    }

    @Test
    void failedProcessingAnswers422() {
        String token = sandbox.issueToken();
        sandbox.faults().processingPolls(1);
        sandbox.faults().failProcessing(1);
        String id = http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(1000)).json().get("id").asText();

        assertThat(http.get("/api/v1/media/" + id, token).status()).isEqualTo(206);
        Http.Answer failed = http.get("/api/v1/media/" + id, token);

        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.json().get("error").asText()).isEqualTo("Error processing thumbnail for uploaded media");
    }

    @Test
    void theDescriptionCanChangeBeforeTheMediaIsAttached() {
        String token = sandbox.issueToken();
        String id = http.postMultipart("/api/v2/media", token, Map.of(), Media.png(100)).json().get("id").asText();

        Http.Answer updated = http.putJson("/api/v1/media/" + id, token, Map.of("description", "Later alt text"));

        checkRequests = false; // PUT is described as multipart; Rails takes JSON as well
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("description").asText()).isEqualTo("Later alt text");
        assertThat(sandbox.media().get(0).description()).isEqualTo("Later alt text");
    }

    @Test
    void refusalsNameTheProblem() {
        checkRequests = false;
        String token = sandbox.issueToken();
        sandbox.limits(sandbox.limits().withSizeLimits(10_000, 50_000).withDescriptionLimit(10));

        Http.Answer unknown = http.postMultipart("/api/v2/media", token, Map.of(), Media.random(500, 9));
        Http.Answer bigImage = http.postMultipart("/api/v2/media", token, Map.of(), Media.png(20_000));
        Http.Answer tooBig = http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(60_000));
        Http.Answer longAlt = http.postMultipart("/api/v2/media", token, Map.of("description", "x".repeat(11)),
                Media.png(100));
        Http.Answer noFile = http.postMultipart("/api/v2/media", token, Map.of("description", "none"), null);
        Http.Answer noToken = http.postMultipart("/api/v2/media", null, Map.of(), Media.png(100));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Validation failed: File content type is invalid, "
                + "File is invalid");
        assertThat(bigImage.status()).isEqualTo(422);
        assertThat(bigImage.json().get("error").asText()).startsWith("Validation failed: File file size must be less");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(longAlt.status()).isEqualTo(422);
        assertThat(longAlt.json().get("error").asText()).contains("Description is too long (maximum is 10");
        assertThat(noFile.status()).isEqualTo(422);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(sandbox.media()).isEmpty();
    }

    @Test
    void mediaOfAnotherAccountIsNotFound() {
        SandboxUser bob = sandbox.addUser("bob", "Bob");
        String alice = sandbox.issueToken();
        String id = http.postMultipart("/api/v2/media", alice, Map.of(), Media.png(100)).json().get("id").asText();

        Http.Answer answer = http.get("/api/v1/media/" + id, sandbox.issueToken(bob.id(),
                MastodonSandbox.DEFAULT_SCOPES));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo("Record not found");
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }
}
