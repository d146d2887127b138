package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app over a second platform it knows nothing about ({@link DemoPlatform}), over real HTTP: sign-in methods
 * rendered from what the plugin asks for, a form that connects at once, a redirect that first asks for a server and
 * comes back to the generic callback, rules and counts of the chosen account, options and replies through the API.
 */
class PlatformFormsTest {
    private static OutpostWeb app;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.freshHome("platform-forms"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theAccountsPageRendersEachPlatformsSignInMethods() {
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String page = browser.get("/accounts").body();
        // X: one redirect method without fields, a lone button.
        assertThat(page).contains("id=\"connect-x\"");
        // The demo platform: a form of fields, the secret one a password input, then a redirect asking for a server.
        assertThat(page).contains("id=\"platform-demo\"").contains("Demo Social").contains("id=\"connect-demo\"")
                .contains("id=\"connect-demo-browser\"")
                .contains("type=\"password\" id=\"field-demo-app-password-app-password\" name=\"field.app-password\"")
                .contains("type=\"text\" id=\"field-demo-app-password-server\" name=\"field.server\"")
                .contains("type=\"text\" id=\"field-demo-browser-server\" name=\"field.server\"")
                .contains("Made in your settings");
    }

    @Test
    void aWrongSecretIsRefusedAndNeverEchoedAndTheRightOneConnectsAtOnce() throws Exception {
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        browser.get("/accounts");
        String wrong = "wrong-secret-" + System.nanoTime();
        HttpResponse<String> refused = browser.postForm("/accounts/connect", form(browser, "app-password",
                Map.of("server", "demo.example", "handle", "bob", "app-password", wrong)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Not connected").contains("refused the handle or the app password")
                .doesNotContain(wrong).contains("value=\"bob\"");

        HttpResponse<String> connected = browser.postForm("/accounts/connect", form(browser, "app-password",
                Map.of("server", "demo.example", "handle", "alice", "app-password", DemoPlatform.APP_PASSWORD)));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
        assertThat(connected.headers().firstValue("Location")).hasValue("/accounts");
        assertThat(browser.get("/accounts").body()).contains("Connected @alice on Demo Social")
                .doesNotContain(DemoPlatform.APP_PASSWORD);
        JsonNode accounts = Json.MAPPER.readTree(browser.get("/api/accounts").body());
        assertThat(accounts.findValuesAsText("id")).contains("demo:demo.example:alice");
        assertThat(accounts.findValuesAsText("server")).contains("https://demo.example");
    }

    @Test
    void aRedirectMethodWithAServerComesBackToTheGenericCallback() throws Exception {
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        browser.get("/accounts");
        HttpResponse<String> start = browser.postForm("/accounts/connect", form(browser, "browser",
                Map.of("server", "social.example")));
        String location = Accounts.authorizeUrl(start);
        assertThat(location).startsWith("https://social.example/authorize?state=");
        String state = location.substring(location.indexOf("state=") + 6);

        HttpResponse<String> back = browser.get("/oauth/demo/callback?state=" + state + "&code=c0de&iss=whatever");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(Json.MAPPER.readTree(browser.get("/api/accounts").body()).findValuesAsText("id"))
                .contains("demo:social.example:browser-c0de");
        HttpResponse<String> again = browser.get("/oauth/demo/callback?state=" + state + "&code=c0de");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("unknown, already used or expired");
    }

    @Test
    void rulesAndCountsAreTheChosenAccountsOwn() throws Exception {
        WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        String demo = connectDemo(api, "carol");
        String x = Accounts.connect(api, app.sandbox().orElseThrow());

        JsonNode demoRules = Json.MAPPER.readTree(api.get("/api/accounts/" + demo + "/rules").body());
        assertThat(demoRules.get("maxText").asInt()).isEqualTo(DemoPlatform.MAX_CHARACTERS);
        assertThat(demoRules.get("text").get(1).get("unit").asText()).isEqualTo("bytes");
        assertThat(demoRules.get("maxMedia").get("image").asInt()).isEqualTo(2);
        assertThat(demoRules.get("maxMedia").get("video").asInt()).isZero();
        assertThat(demoRules.get("accept").asText()).isEqualTo("image/jpeg,image/png");
        assertThat(demoRules.get("options").findValuesAsText("key")).containsExactly("visibility", "warning");
        JsonNode xRules = Json.MAPPER.readTree(api.get("/api/accounts/" + x + "/rules").body());
        assertThat(xRules.get("maxText").asInt()).isEqualTo(280);
        assertThat(xRules.get("maxMedia").get("image").asInt()).isEqualTo(4);
        assertThat(xRules.get("options")).isEmpty();

        // 300 two-byte characters: under the counter's 500 characters, over the 600 bytes.
        String text = "é".repeat(301);
        JsonNode demoCount = measure(api, demo, text);
        assertThat(demoCount.get("length").asInt()).isEqualTo(301);
        assertThat(demoCount.get("max").asInt()).isEqualTo(500);
        assertThat(demoCount.get("over").asBoolean()).isTrue();
        assertThat(demoCount.get("problem").asText()).contains("Demo Social (demo.example)").contains("602 bytes")
                .contains("over the limit of 600");
        JsonNode xCount = measure(api, x, text);
        assertThat(xCount.get("max").asInt()).isEqualTo(280);
        assertThat(xCount.get("over").asBoolean()).isTrue();
        assertThat(xCount.get("problem").asText()).contains("over the limit of 280");
        assertThat(measure(api, demo, "short").get("over").asBoolean()).isFalse();

        // The compose page starts with the first connected account's rules (the demo one sorts first).
        String page = new WebClient(app.baseUrl()).signIn().get("/compose").body();
        assertThat(page).containsPattern("class=\"target-box\" id=\"target-0\" value=\"demo:[^\"]+\" checked")
                .contains("\"maxText\":500").contains("\"accept\":\"image/jpeg,image/png\"")
                .doesNotContain("What's happening");
    }

    @Test
    void aPostWithOptionsAndAReplyGoesThroughTheJsonApi() throws Exception {
        WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        String demo = connectDemo(api, "dave");
        String text = "options via JSON " + System.nanoTime();
        HttpResponse<String> created = api.send(api.request("/api/publications")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.text(Map.of("account", demo, "text", text,
                        "replyTo", "https://demo.example/@erin/42", "options", Map.of("visibility", "unlisted",
                                "warning", "spoilers"))))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        Awaits.published(app, id);

        DemoPlatform.DemoPost post = DemoPlatform.POSTS.stream().filter(p -> p.text().equals(text)).findFirst()
                .orElseThrow();
        assertThat(post.options()).isEqualTo(Map.of("visibility", "unlisted", "warning", "spoilers"));
        assertThat(post.replyTo()).isEqualTo("https://demo.example/@erin/42");
        JsonNode view = Json.MAPPER.readTree(api.get("/api/publications/" + id).body());
        assertThat(view.get("options").get("visibility").asText()).isEqualTo("unlisted");
        assertThat(view.get("replyTo").asText()).isEqualTo("https://demo.example/@erin/42");
        assertThat(view.get("platform").asText()).isEqualTo("Demo Social");
        assertThat(view.get("accountName").asText()).isEqualTo("@dave");
        assertThat(view.get("postUrl").asText()).isEqualTo("https://demo.example/@dave/" + post.id());

        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String detail = browser.get("/publications/" + id).body();
        assertThat(detail).contains("id=\"post-link\"").contains("@dave</span> on Demo Social")
                .contains("unlisted").contains("https://demo.example/@erin/42");

        HttpResponse<String> wrongChoice = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", demo).field("text", "bad option").field("options.visibility", "everyone")
                .file("media[0]", "clip.mp4", TestMedia.mp4(64 * 1024)));
        assertThat(wrongChoice.statusCode()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(wrongChoice.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("options.visibility", "media");
        assertThat(wrongChoice.body()).contains("must be one of public, unlisted, private")
                .contains("does not take");
    }

    private static JsonNode measure(WebClient api, String account, String text) throws Exception {
        HttpResponse<String> response = api.postJson("/api/measure", Json.text(Map.of("account", account,
                "text", text)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static String connectDemo(WebClient api, String handle) {
        HttpResponse<String> connected = api.postForm("/accounts/connect", Map.of("platform", DemoPlatform.ID,
                "method", "app-password", "field.server", "demo.example", "field.handle", handle,
                "field.app-password", DemoPlatform.APP_PASSWORD));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
        return "demo:demo.example:" + URLEncoder.encode(handle, StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(WebClient client, String method, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", client.csrf());
        form.put("platform", DemoPlatform.ID);
        form.put("method", method);
        fields.forEach((key, value) -> form.put(AccountRoutes.FIELD_PREFIX + key, value));
        return form;
    }
}
