package dev.outpost.blueskysandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The admin API, as another process would use it. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void accountsAndFaultsCanBeMadeOverHttp() throws Exception {
        try (BlueskySandbox sandbox = BlueskySandbox.start(SandboxConfig.defaults())) {
            JsonNode account = post(sandbox, "/__sandbox/accounts", "{\"handle\":\"bob.test\",\"password\":\"pw\"}");
            post(sandbox, "/__sandbox/faults", "{\"nsid\":\"com.atproto.server.createSession\",\"fault\":"
                    + "\"ratelimit:60\",\"times\":1}");

            HttpResponse<String> limited = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                    + "/xrpc/com.atproto.server.createSession")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"bob.test\",\"password\":\""
                            + account.path("appPassword").asText() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                    + "/xrpc/com.atproto.server.createSession")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"bob.test\",\"password\":\""
                            + account.path("appPassword").asText() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(limited.body()).path("error").asText()).isEqualTo("RateLimitExceeded");
            assertThat(limited.headers().firstValue("ratelimit-reset")).isPresent();
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(signedIn.body()).path("did").asText()).isEqualTo(account.path("did").asText());
            assertThat(post(sandbox, "/__sandbox/quota-spent", "{}").path("accounts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void helpNamesTheFlags() {
        assertThat(SandboxMain.HELP).contains("--port").contains("--encoding-seconds").contains("--blob-limit");
    }

    private JsonNode post(BlueskySandbox sandbox, String path, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
