package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.blueskysandbox.BlueskySandbox;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sandbox mode (no X app configured) offers Bluesky beside X and Mastodon: the banner names the throwaway account's
 * app password, the accounts page suggests its handle and server, the app-password form connects it, and the compose
 * API posts images with alt text, a video (through the emulated video service) and a reply to the sandbox.
 */
class BlueskySandboxModeTest {
    private static OutpostWeb app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.freshHome("bluesky-sandbox"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAccountsPageOffersTheSandboxAccountAndComposePostsImagesAVideoAndAReplyToIt() throws Exception {
        BlueskySandbox server = app.blueskySandbox().orElseThrow();
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String page = browser.get("/accounts").body();
        assertThat(page).contains("id=\"platform-bluesky\"").contains("name=\"field.handle\"")
                .contains("value=\"alice.test\"").contains("value=\"" + server.baseUrl() + "\"")
                .contains("A Bluesky sandbox server runs at");
        Matcher shown = Pattern.compile("connect alice\\.test with the app password <code>([a-z0-9-]+)</code>")
                .matcher(page);
        assertThat(shown.find()).as("the banner names the app password").isTrue();

        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrf());
        form.put("platform", "bluesky");
        form.put("method", "app-password");
        form.put(AccountRoutes.FIELD_PREFIX + "handle", "alice.test");
        form.put(AccountRoutes.FIELD_PREFIX + "app-password", shown.group(1));
        form.put(AccountRoutes.FIELD_PREFIX + "service", server.baseUrl());
        HttpResponse<String> connected = browser.postForm("/accounts/connect", form);
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
        assertThat(browser.get("/accounts").body()).contains("@alice.test");

        WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        String account = null;
        for (JsonNode a : Json.MAPPER.readTree(api.get("/api/accounts").body())) {
            if (a.get("id").asText().startsWith("bluesky:did:plc:")) {
                account = a.get("id").asText();
            }
        }
        assertThat(account).isNotNull();
        String did = account.substring("bluesky:".length());
        JsonNode rules = Json.MAPPER.readTree(api.get("/api/accounts/" + account + "/rules").body());
        assertThat(rules.get("maxText").asInt()).isEqualTo(300);

        String images = publish(api, new WebClient.Multipart().field("account", account)
                .field("text", "Two pictures from the web").field("media[0].alt", "Red")
                .field("media[1].alt", "Blue").file("media[0]", "red.png", TestMedia.png("red", Color.RED))
                .file("media[1]", "blue.png", TestMedia.png("blue", Color.BLUE)));
        String video = publish(api, new WebClient.Multipart().field("account", account).field("text", "A clip")
                .field("media[0].alt", "A clip of noise").file("media[0]", "clip.mp4", TestMedia.mp4(64 * 1024)));
        JsonNode first = Json.MAPPER.readTree(api.get("/api/publications/" + images).body());
        String link = first.get("postUrl").asText();
        assertThat(link).startsWith(server.baseUrl() + "/profile/alice.test/post/");
        String reply = publish(api, new WebClient.Multipart().field("account", account).field("text", "And a reply")
                .field("replyTo", link));

        JsonNode records = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/xrpc/com.atproto.repo.listRecords?repo=" + did
                        + "&collection=app.bsky.feed.post")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("records");
        assertThat(records).hasSize(3);
        JsonNode imagesRecord = byText(records, "Two pictures from the web");
        assertThat(imagesRecord.at("/value/embed/images")).extracting(i -> i.get("alt").asText())
                .containsExactly("Red", "Blue");
        JsonNode videoRecord = byText(records, "A clip");
        assertThat(videoRecord.at("/value/embed/$type").asText()).isEqualTo("app.bsky.embed.video");
        assertThat(videoRecord.at("/value/embed/alt").asText()).isEqualTo("A clip of noise");
        JsonNode replyRecord = byText(records, "And a reply");
        assertThat(replyRecord.at("/value/reply/root/uri").asText()).isEqualTo(imagesRecord.get("uri").asText());
        assertThat(replyRecord.at("/value/reply/parent/cid").asText()).isEqualTo(imagesRecord.get("cid").asText());
        assertThat(video).isNotEqualTo(reply);
    }

    private static String publish(WebClient api, WebClient.Multipart body) throws Exception {
        HttpResponse<String> created = api.postMultipart("/api/publications", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        Awaits.published(app, id);
        return id;
    }

    private static JsonNode byText(JsonNode records, String text) {
        for (JsonNode record : records) {
            if (record.at("/value/text").asText().equals(text)) {
                return record;
            }
        }
        throw new AssertionError("no record with the text '" + text + "' in " + records);
    }
}
