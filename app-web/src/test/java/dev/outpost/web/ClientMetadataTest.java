package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A web app whose base URL is https (behind a TLS proxy) serves the OAuth client metadata a platform's plugin writes,
 * beside the platform's callback and without a session: Bluesky's authorization server fetches it, and its URL is the
 * client id. A platform that needs none has none.
 */
class ClientMetadataTest {
    private static final String BASE = "https://outpost.example.com";
    private static OutpostWeb app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        app = TestApp.start(TestApp.freshHome("client-metadata"), Map.of(WebSettings.BASE_URL, BASE + "/",
                WebSettings.PORT, Integer.toString(port)));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void blueskysClientMetadataIsServedPubliclyWithItsOwnUrlAsClientId() throws Exception {
        HttpResponse<String> served = get("/oauth/bluesky/client-metadata.json");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(served.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode document = Json.MAPPER.readTree(served.body());
        assertThat(document.get("client_id").asText()).isEqualTo(BASE + "/oauth/bluesky/client-metadata.json");
        assertThat(document.get("redirect_uris")).extracting(JsonNode::asText)
                .containsExactly(BASE + "/oauth/bluesky/callback");
        assertThat(document.get("dpop_bound_access_tokens").asBoolean()).isTrue();
        assertThat(document.get("scope").asText()).isEqualTo("atproto transition:generic");
        assertThat(document.get("grant_types")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(document.get("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(document.get("application_type").asText()).isEqualTo("web");
    }

    @Test
    void aPlatformWithoutClientMetadataHasNone() throws Exception {
        assertThat(get("/oauth/mastodon/client-metadata.json").statusCode()).isEqualTo(404);
        assertThat(get("/oauth/nowhere/client-metadata.json").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
