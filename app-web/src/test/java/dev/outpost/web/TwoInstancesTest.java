package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.XSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two web apps over one PostgreSQL (and one shared data directory for uploads), both running the queue against one
 * X sandbox: every publication is posted exactly once, whichever instance took it.
 */
class TwoInstancesTest {
    @Test
    void twoInstancesShareTheQueueAndEachPublicationRunsOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                XSandbox sandbox = XSandbox.start(SandboxConfig.builder().autoApprove(true).build())) {
            int portA = FreePort.find("127.0.0.1");
            int portB = FreePort.find("127.0.0.1");
            sandbox.registerClient(sandbox.defaultClient().clientId(), SandboxConfig.DEFAULT_CLIENT_SECRET,
                    "http://127.0.0.1:" + portA + "/oauth/x/callback", "http://127.0.0.1:" + portB + "/oauth/x/callback");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, String> shared = new HashMap<>();
            shared.put("OUTPOST_STORAGE", "postgres");
            shared.put("OUTPOST_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
            shared.put("OUTPOST_JDBC_USER", "postgres");
            shared.put("OUTPOST_JDBC_PASSWORD", "postgres");
            shared.put("OUTPOST_SECRET_KEY", Base64.getEncoder().encodeToString(key));
            shared.put("OUTPOST_X_CLIENT_ID", sandbox.defaultClient().clientId());
            shared.put("OUTPOST_X_CLIENT_SECRET", SandboxConfig.DEFAULT_CLIENT_SECRET);
            shared.put("OUTPOST_X_API_URL", sandbox.baseUrl());
            shared.put("OUTPOST_X_AUTHORIZE_URL", sandbox.authorizeUrl());
            Path home = TestApp.freshHome("two-instances");
            Map<String, String> a = new HashMap<>(shared);
            a.put(WebSettings.PORT, Integer.toString(portA));
            Map<String, String> b = new HashMap<>(shared);
            b.put(WebSettings.PORT, Integer.toString(portB));
            try (OutpostWeb first = TestApp.start(home, a); OutpostWeb second = TestApp.start(home, b)) {
                assertThat(first.sandbox()).isEmpty();
                WebClient clientA = new WebClient(first.baseUrl()).basic(TestApp.PASSWORD);
                WebClient clientB = new WebClient(second.baseUrl()).basic(TestApp.PASSWORD);
                String account = "x:" + sandbox.defaultUser().id();
                HttpResponse<String> start = clientA.postForm("/accounts/connect", Map.of("platform", "x"));
                String callback = clientA.get(start.headers().firstValue("Location").orElseThrow()).headers()
                        .firstValue("Location").orElseThrow();
                assertThat(clientA.get(callback).statusCode()).isEqualTo(302);
                assertThat(clientB.get("/api/accounts").body()).contains(account);

                // Signed in on A, the same browser is signed in on B: sessions live in the shared database.
                WebClient browser = new WebClient(first.baseUrl()).signIn();
                HttpResponse<String> onB = browser.get(second.baseUrl() + "/publications");
                assertThat(onB.statusCode()).as("a session of A on B").isEqualTo(200);
                HttpResponse<String> measured = browser.send(browser.request(second.baseUrl() + "/api/measure")
                        .header("Content-Type", "application/json").header(WebSecurity.CSRF_HEADER, browser.csrf())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).build());
                assertThat(measured.statusCode()).as("its CSRF token holds on B too").isEqualTo(200);

                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    WebClient via = i % 2 == 0 ? clientA : clientB;
                    WebClient.Multipart body = new WebClient.Multipart().field("account", account)
                            .field("text", "shared queue post " + i);
                    if (i % 3 == 0) {
                        body.file("media[0]", "p" + i + ".png", TestMedia.png("P" + i, Color.DARK_GRAY));
                    }
                    HttpResponse<String> created = via.postMultipart("/api/publications", body);
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                    ids.add(Json.MAPPER.readTree(created.body()).get("id").asText());
                }
                for (String id : ids) {
                    Awaits.published(first, id);
                }
                List<Post> posts = sandbox.posts();
                for (int i = 0; i < 6; i++) {
                    String text = "shared queue post " + i;
                    assertThat(posts.stream().filter(p -> p.submittedText().equals(text))).as(text).hasSize(1);
                }
                assertThat(sandbox.state().requestsTo(Endpoint.TWEETS_CREATE)).hasSize(6);
                JsonNode viaB = Json.MAPPER.readTree(clientB.get("/api/publications/" + ids.get(0)).body());
                assertThat(viaB.get("state").asText()).isEqualTo("published");
                assertThat(clientA.get("/metrics").body()).contains("outpost_publications{state=\"published\"} 6.0");
            }
        }
    }
}
