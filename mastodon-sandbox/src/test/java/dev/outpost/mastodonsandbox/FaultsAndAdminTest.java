package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsAndAdminTest extends SandboxTestBase {
    @Test
    void aDroppedAnswerLeavesTheStatusStoredAndTheKeyRemembered() {
        String token = sandbox.issueToken();
        sandbox.faults().add("statuses=drop");

        assertThatThrownBy(() -> http.postJson("/api/v1/statuses", token, Map.of("status", "Lost answer"),
                "Idempotency-Key", "k")).isInstanceOf(UncheckedIOException.class);
        Http.Answer retry = http.postJson("/api/v1/statuses", token, Map.of("status", "Lost answer"),
                "Idempotency-Key", "k");

        assertThat(sandbox.statuses()).hasSize(1);
        assertThat(retry.json().get("id").asText()).isEqualTo(sandbox.statuses().get(0).id());
        assertThat(sandbox.requestsTo(Endpoint.STATUS_CREATE)).extracting(LoggedRequest::status).containsExactly(0, 200);
    }

    @Test
    void aResetInTheMiddleOfAnUploadStoresNothing() {
        String token = sandbox.issueToken();
        sandbox.faults().add("media=reset");

        assertThatThrownBy(() -> http.postMultipart("/api/v2/media", token, Map.of(), Media.mp4(2_000_000)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(sandbox.media()).isEmpty();
        assertThat(sandbox.requestsTo(Endpoint.MEDIA_CREATE).get(0).bodyBytes()).isBetween(1L, 1_999_999L);
        assertThat(http.postMultipart("/api/v2/media", token, Map.of(), Media.png(100)).status()).isEqualTo(200);
    }

    @Test
    void injectedServerErrorsFireOnTheNamedCalls() {
        String token = sandbox.issueToken();
        sandbox.faults().add("statuses@2x2=503");

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.postJson("/api/v1/statuses", token, Map.of("status", "n" + i)).status());
        }

        assertThat(statuses).containsExactly(200, 503, 503, 200);
    }

    @Test
    void theAdminApiMintsRevokesLimitsAndInjects() {
        JsonNode minted = http.postJson("/__sandbox/tokens", null, Map.of()).json();
        String token = minted.get("access_token").asText();
        assertThat(minted.get("scope").asText()).contains("write:media", "write:statuses", "read:accounts");
        assertThat(http.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);

        JsonNode limits = http.postJson("/__sandbox/instance", null, Map.of("max_characters", 5000,
                "max_media_attachments", 8)).json();
        assertThat(limits.get("maxCharacters").asInt()).isEqualTo(5000);
        JsonNode instance = http.get("/api/v2/instance", null).json();
        assertThat(instance.at("/configuration/statuses/max_characters").asInt()).isEqualTo(5000);
        assertThat(instance.at("/configuration/statuses/max_media_attachments").asInt()).isEqualTo(8);

        JsonNode faults = http.postJson("/__sandbox/faults", null, Map.of("rules", List.of("statuses=429:30"),
                "processing_polls", 7, "fail_processing", 1)).json();
        assertThat(faults.get("rules").get(0).asText()).isEqualTo("statuses@1x1=429:30");
        assertThat(sandbox.faults().processingPolls()).isEqualTo(7);
        assertThat(http.postJson("/api/v1/statuses", token, Map.of("status", "x")).status()).isEqualTo(429);

        assertThat(http.postJson("/__sandbox/revoke", null, Map.of()).json().get("revoked").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(401);

        JsonNode bob = http.postJson("/__sandbox/users", null, Map.of("username", "bob")).json();
        String bobs = http.postJson("/__sandbox/tokens", null, Map.of("user_id", bob.get("id").asText(),
                "scopes", "read write")).json().get("access_token").asText();
        assertThat(http.get("/api/v1/accounts/verify_credentials", bobs).json().get("username").asText())
                .isEqualTo("bob");

        String state = http.get("/__sandbox/state", null).body();
        assertThat(state).doesNotContain(token, bobs);
        http.postJson("/__sandbox/reset", null, Map.of());
        assertThat(http.get("/api/v1/accounts/verify_credentials", bobs).status()).isEqualTo(401);
    }

    @Test
    void theStateShowsStoredStatusesAndMediaWithTheirTimes() {
        String token = sandbox.issueToken();
        String mediaId = http.postMultipart("/api/v2/media", token, Map.of("description", "Desk"), Media.png(100))
                .json().get("id").asText();
        http.postJson("/api/v1/statuses", token, Map.of("status", "Stored", "media_ids", List.of(mediaId)));

        Http.Answer answer = http.get("/__sandbox/state", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode status = answer.json().get("statuses").get(0);
        assertThat(status.get("text").asText()).isEqualTo("Stored");
        assertThat(java.time.Instant.parse(status.get("createdAt").asText()))
                .isEqualTo(sandbox.statuses().get(0).createdAt());
        assertThat(answer.json().get("media").get(0).get("description").asText()).isEqualTo("Desk");
    }

    @Test
    void theFlagsDescribeTheSandbox() {
        SandboxConfig config = SandboxMain.parse(new String[] {"--port", "0", "--max-characters", "5000",
                "--processing-polls", "4", "--fault", "statuses=drop", "--auto-approve", "--rate-limit", "0/1"},
                System.out);

        assertThat(config.limits().maxCharacters()).isEqualTo(5000);
        assertThat(config.processingPolls()).isEqualTo(4);
        assertThat(config.autoApprove()).isTrue();
        assertThat(config.rateLimit()).isZero();
        assertThat(config.faults()).extracting(FaultRule::spec).containsExactly("statuses@1x1=drop");
        assertThat(SandboxMain.parse(new String[] {"--help"}, new java.io.PrintStream(
                java.io.OutputStream.nullOutputStream()))).isNull();
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--fault", "nowhere=drop"}, System.out))
                .hasMessageContaining("unknown endpoint 'nowhere'");
    }
}
