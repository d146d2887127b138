package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sandbox mode (no X app configured) offers Mastodon beside X: the accounts page suggests the embedded Mastodon
 * server, connecting it goes through that server's OAuth and back to the web app, and the compose API posts there
 * with Mastodon's options.
 */
class MastodonSandboxModeTest {
    private static OutpostWeb app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.freshHome("mastodon-sandbox"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAccountsPageOffersTheSandboxServerAndComposePostsToIt() throws Exception {
        MastodonSandbox server = app.mastodonSandbox().orElseThrow();
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String page = browser.get("/accounts").body();
        assertThat(page).contains("id=\"platform-mastodon\"").contains("name=\"field.server\"")
                .contains("value=\"" + server.baseUrl() + "\"").contains("A Mastodon sandbox server runs at");

        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrf());
        form.put("platform", "mastodon");
        form.put(AccountRoutes.FIELD_PREFIX + "server", server.baseUrl());
        HttpResponse<String> started = browser.postForm("/accounts/connect", form);
        // A browser goes on through a short page (the CSP's form-action would stop a redirect off the site).
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"continue\" href=\"([^\"]+)\"")
                .matcher(started.body());
        assertThat(link.find()).as(started.body()).isTrue();
        String authorize = link.group(1).replace("&amp;", "&");
        assertThat(authorize).startsWith(server.baseUrl() + "/oauth/authorize?");
        // The sandbox approves by itself and sends the browser back to the web app's callback.
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(302);
        URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/oauth/mastodon/callback");
        HttpResponse<String> back = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(back.statusCode()).as(back.body()).isIn(302, 303);
        assertThat(browser.get("/accounts").body()).contains("@alice@127.0.0.1");

        WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        JsonNode accounts = Json.MAPPER.readTree(api.get("/api/accounts").body());
        String account = null;
        for (JsonNode a : accounts) {
            if (a.get("id").asText().startsWith("mastodon:")) {
                account = a.get("id").asText();
            }
        }
        assertThat(account).isNotNull();
        JsonNode rules = Json.MAPPER.readTree(api.get("/api/accounts/" + account + "/rules").body());
        assertThat(rules.get("maxText").asInt()).isEqualTo(500);
        assertThat(rules.get("options").findValuesAsText("key")).contains("visibility", "content-warning");

        // The live count sees the content warning, which the server counts with the text.
        String longText = "t".repeat(480);
        JsonNode alone = measure(api, account, longText, Map.of());
        assertThat(alone.get("length").asInt()).isEqualTo(480);
        assertThat(alone.get("over").asBoolean()).isFalse();
        JsonNode withWarning = measure(api, account, longText, Map.of("content-warning", "w".repeat(30)));
        assertThat(withWarning.get("length").asInt()).isEqualTo(510);
        assertThat(withWarning.get("over").asBoolean()).isTrue();
        assertThat(withWarning.get("problem").asText())
                .contains("the text and the content warning count 510 characters together", "limit of 500");
        HttpResponse<String> refused = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", longText).field("options.content-warning", "w".repeat(30)));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(refused.body()).get("problems").findValuesAsText("field")).contains("text");
        assertThat(server.statuses()).isEmpty();

        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "From the web to Mastodon")
                .field("options.visibility", "unlisted").field("media[0].alt", "A clip")
                .field("media[0].focus", "0.5,-0.25")
                .file("media[0]", "clip.mp4", TestMedia.mp4(64 * 1024)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Awaits.published(app, Json.MAPPER.readTree(created.body()).get("id").asText());
        assertThat(server.statuses()).hasSize(1);
        SandboxStatus status = server.statuses().get(0);
        assertThat(status.text()).isEqualTo("From the web to Mastodon");
        assertThat(status.visibility()).isEqualTo("unlisted");
        assertThat(status.mediaIds()).hasSize(1);
        assertThat(server.media()).filteredOn(m -> m.id().equals(status.mediaIds().get(0))).singleElement()
                .satisfies(m -> assertThat(m.focus()).isEqualTo("0.5,-0.25"));

        HttpResponse<String> offTheEdge = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "Off the edge").field("media[0].focus", "2,0")
                .file("media[0]", "clip.mp4", TestMedia.mp4(64 * 1024)));
        assertThat(offTheEdge.statusCode()).as(offTheEdge.body()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(offTheEdge.body()).get("problems").findValuesAsText("field"))
                .containsExactly("media[0].focus");
        assertThat(server.statuses()).hasSize(1);
    }

    private static JsonNode measure(WebClient api, String account, String text, Map<String, String> options)
            throws Exception {
        HttpResponse<String> response = api.postJson("/api/measure", Json.text(Map.of("account", account,
                "text", text, "options", options)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
