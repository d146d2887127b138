package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.post.Publication;
import dev.outpost.ports.storage.PublicationStore;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose page's group form over real HTTP (multipart, as the page sends it) and the drafts API: every account ×
 * post checked before anything is stored, each problem named by account and post, the user's own file numbers and
 * names; drafts saved, listed, read, refused when not JSON, deleted.
 */
class GroupComposeApiTest {
    private static OutpostWeb app;
    private static WebClient api;
    private static String x;
    private static String mastodon;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(TestApp.freshHome("group-compose-api"), Map.of());
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        x = Accounts.connect(api, app.sandbox().orElseThrow());
        mastodon = Accounts.connectMastodon(api, app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyAccountTimesPostIsCheckedAndNothingIsStoredWhileAnyIsWrong() throws Exception {
        int before = app.core().publications().list(PublicationStore.Query.all()).size();
        int xPosts = app.sandbox().orElseThrow().posts().size();
        int statuses = app.mastodonSandbox().orElseThrow().statuses().size();
        HttpResponse<String> response = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("targets[0]", x).field("targets[1]", mastodon)
                .field("items[0].text", "first post").field("items[0].media[0].alt", "a square")
                .field("items[0].media[1].alt", "")
                .field("items[1].text", "y".repeat(300))
                .field("targets[1].textFor[1]", "shorter for Mastodon")
                .file("items[0].media[0]", "square.png", TestMedia.png("S", Color.BLUE))
                .file("items[0].media[1]", "notes.png", "not a picture".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(response.body()).get("problems");
        List<String> fields = problems.findValuesAsText("field");
        assertThat(fields).contains("items[0].media[1]", "targets[" + x + "].items[1].text")
                .doesNotContain("targets[" + mastodon + "].items[1].text");
        String overX = message(problems, "targets[" + x + "].items[1].text");
        assertThat(overX).contains("X @").contains("post 2").contains("280");
        assertThat(message(problems, "items[0].media[1]")).contains("notes.png");
        assertThat(response.body()).doesNotContain(app.toString()).doesNotContain("/uploads/");
        assertThat(app.core().publications().list(PublicationStore.Query.all())).hasSize(before);
        assertThat(app.sandbox().orElseThrow().posts()).hasSize(xPosts);
        assertThat(app.mastodonSandbox().orElseThrow().statuses()).hasSize(statuses);
    }

    @Test
    void aThreadPostsFocalPointReachesTheSandboxAndABadOneIsNamedAtItsField() throws Exception {
        HttpResponse<String> bad = threadWithFocus("off the edge", "2,0");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(bad.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).containsExactly("items[1].media[0].focus");
        assertThat(message(problems, "items[1].media[0].focus")).contains("square.png", "post 2")
                .doesNotContain("/uploads/");

        HttpResponse<String> created = threadWithFocus("in focus", "0.5,-0.25");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode publications = Json.MAPPER.readTree(created.body()).get("publications");
        assertThat(publications).hasSize(2);
        Publication second = Awaits.published(app, publications.get(1).get("id").asText());
        assertThat(second.draft().media()).singleElement()
                .satisfies(m -> assertThat(m.focus().text()).isEqualTo("0.5,-0.25"));
        assertThat(app.mastodonSandbox().orElseThrow().media()).anySatisfy(m -> {
            assertThat(m.description()).isEqualTo("a square");
            assertThat(m.focus()).isEqualTo("0.5,-0.25");
        });
    }

    /** Two posts to Mastodon, the second with a square and the focal point given. */
    private static HttpResponse<String> threadWithFocus(String text, String focus) throws Exception {
        return api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("targets[0]", mastodon).field("items[0].text", text).field("items[1].text", text + ", 2")
                .field("items[1].media[0].alt", "a square").field("items[1].media[0].focus", focus)
                .file("items[1].media[0]", "square.png", TestMedia.png("F", Color.RED)));
    }

    @Test
    void aKeptFileOutsideAnEditAndNoAccountAreRefusedAtTheirFields() throws Exception {
        HttpResponse<String> response = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("items[0].text", "no account").field("items[0].media[0].ref", "someone-else:0"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(response.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("targets", "items[0].media[0]");
        assertThat(message(problems, "items[0].media[0]")).contains("attach the file again");
    }

    @Test
    void draftsAreSavedListedReadAndDeleted() throws Exception {
        String content = "{\"items\":[{\"text\":\"hello drafts\"}]}";
        HttpResponse<String> created = json("POST", "/api/drafts", Map.of("title", "hello drafts", "content",
                content));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        HttpResponse<String> saved = json("PUT", "/api/drafts/" + id, Map.of("title", "hello again", "content",
                content.replace("hello drafts", "hello again")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode list = Json.MAPPER.readTree(api.get("/api/drafts").body());
        assertThat(list.findValuesAsText("id")).contains(id);
        assertThat(list.findValuesAsText("title")).contains("hello again");
        JsonNode one = Json.MAPPER.readTree(api.get("/api/drafts/" + id).body());
        assertThat(one.get("content").asText()).contains("hello again");
        assertThat(api.get("/compose?draft=" + id).body()).contains("hello again");

        HttpResponse<String> notJson = json("PUT", "/api/drafts/" + id, Map.of("title", "t", "content", "{oops"));
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(notJson.body()).get("problems").findValuesAsText("field"))
                .containsExactly("content");
        HttpResponse<String> tooLarge = json("POST", "/api/drafts", Map.of("title", "big", "content",
                "\"" + "z".repeat(1_100_000) + "\""));
        assertThat(tooLarge.statusCode()).isIn(413, 422);

        HttpResponse<String> deleted = api.send(api.request("/api/drafts/" + id).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.get("/api/drafts/" + id).statusCode()).isEqualTo(404);
        assertThat(json("PUT", "/api/drafts/" + id, Map.of("title", "t", "content", content)).statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> json(String method, String path, Map<String, String> body) throws Exception {
        return api.send(api.request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.text(body))).build());
    }

    private static String message(JsonNode problems, String field) {
        for (JsonNode p : problems) {
            if (p.get("field").asText().equals(field)) {
                return p.get("message").asText();
            }
        }
        throw new AssertionError("no problem for " + field + " in " + problems);
    }
}
