package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxStatus;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.XSandbox;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API of groups over real HTTP, against the X and Mastodon sandboxes of one app in sandbox mode: a
 * cross-post published once on each, one target refused while the other publishes and then retried alone, a thread
 * read back from both sandboxes as a reply chain, every target × post problem at once, files uploaded ahead and
 * named by id, a scheduled group edited and cancelled.
 */
class GroupApiTest {
    private static OutpostWeb app;
    private static XSandbox x;
    private static MastodonSandbox mastodon;
    private static WebClient api;
    private static String xAccount;
    private static String mastodonAccount;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.start(TestApp.freshHome("group-api"), Map.of());
        x = app.sandbox().orElseThrow();
        mastodon = app.mastodonSandbox().orElseThrow();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        xAccount = Accounts.connect(api, x);
        mastodonAccount = Accounts.connectMastodon(api, app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void clearFaults() {
        x.faults().clear();
    }

    @Test
    void aCrossPostIsPublishedOnceOnEachPlatformWithItsOwnText() throws Exception {
        String text = "Cross-posted " + System.nanoTime();
        JsonNode group = created(api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", text)),
                "textFor", Map.of(mastodonAccount, text + " #fediverse")))));
        assertThat(group.get("targets")).hasSize(2);
        JsonNode done = awaitGroup(group.get("id").asText(), g -> g.get("state").asText().equals("published"));
        for (JsonNode target : done.get("targets")) {
            assertThat(target.get("items")).hasSize(1);
            assertThat(target.get("items").get(0).get("postUrl").asText()).isNotBlank();
        }
        assertThat(x.posts().stream().filter(p -> p.submittedText().equals(text))).hasSize(1);
        assertThat(mastodon.statuses().stream().filter(s -> s.text().equals(text + " #fediverse"))).hasSize(1);
        assertThat(mastodon.statuses().stream().filter(s -> s.text().equals(text))).isEmpty();
    }

    @Test
    void oneTargetRefusingDoesNotStopTheOtherAndIsRetriedAlone() throws Exception {
        x.faults().failWith(Endpoint.TWEETS_CREATE, 403, 1, 1);
        String text = "One refuses " + System.nanoTime();
        JsonNode group = created(api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount, mastodonAccount), "items", List.of(Map.of("text", text))))));
        String id = group.get("id").asText();
        JsonNode failed = awaitGroup(id, g -> g.get("state").asText().equals("some_failed")
                && item(g, mastodonAccount, 0).get("state").asText().equals("published"));
        JsonNode xItem = item(failed, xAccount, 0);
        assertThat(xItem.get("state").asText()).isEqualTo("failed");
        assertThat(xItem.get("failureExplained").get("summary").asText()).isNotBlank();
        assertThat(mastodon.statuses().stream().filter(s -> s.text().equals(text))).hasSize(1);

        HttpResponse<String> resumed = api.send(api.request("/api/publications/" + xItem.get("id").asText()
                + "/resume").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        awaitGroup(id, g -> g.get("state").asText().equals("published"));
        assertThat(x.posts().stream().filter(p -> p.submittedText().equals(text))).hasSize(1);
        assertThat(mastodon.statuses().stream().filter(s -> s.text().equals(text))).as("not sent again").hasSize(1);
    }

    @Test
    void aThreadIsPublishedAsAReplyChainOnEachPlatform() throws Exception {
        String tag = " " + System.nanoTime();
        List<String> texts = List.of("Thread 1/3" + tag, "Thread 2/3" + tag, "Thread 3/3" + tag);
        JsonNode group = created(api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount, mastodonAccount),
                "items", texts.stream().map(t -> Map.of("text", t)).toList()))));
        assertThat(group.get("thread").asBoolean()).isTrue();
        JsonNode done = awaitGroup(group.get("id").asText(), g -> g.get("state").asText().equals("published"));
        assertThat(done.get("targets").get(0).get("items")).hasSize(3);
        assertThat(item(done, xAccount, 2).get("group").get("follows").asText())
                .isEqualTo(item(done, xAccount, 1).get("id").asText());

        List<Post> posts = new ArrayList<>();
        for (String t : texts) {
            posts.add(x.posts().stream().filter(p -> p.submittedText().equals(t)).reduce((a, b) -> {
                throw new AssertionError("twice on X: " + t);
            }).orElseThrow());
        }
        assertThat(posts.get(0).inReplyToTweetId()).isNull();
        assertThat(posts.get(1).inReplyToTweetId()).isEqualTo(posts.get(0).id());
        assertThat(posts.get(2).inReplyToTweetId()).isEqualTo(posts.get(1).id());

        List<SandboxStatus> statuses = new ArrayList<>();
        for (String t : texts) {
            statuses.add(mastodon.statuses().stream().filter(s -> s.text().equals(t)).reduce((a, b) -> {
                throw new AssertionError("twice on Mastodon: " + t);
            }).orElseThrow());
        }
        assertThat(statuses.get(0).inReplyToId()).isNull();
        assertThat(statuses.get(1).inReplyToId()).isEqualTo(statuses.get(0).id());
        assertThat(statuses.get(2).inReplyToId()).isEqualTo(statuses.get(1).id());
    }

    @Test
    void everyTargetAndPostProblemComesBackAtOnceAndNothingIsSent() throws Exception {
        int xBefore = x.posts().size();
        int mastodonBefore = mastodon.statuses().size();
        HttpResponse<String> response = api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", "fine"), Map.of("text", "y".repeat(600)),
                        Map.of("text", "with a file", "media", List.of(Map.of("upload", "no-such-file.png")))))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(response.body()).get("problems");
        List<String> fields = problems.findValuesAsText("field");
        assertThat(fields).contains("items[2].media[0].upload", "targets[" + xAccount + "].items[1].text",
                "targets[" + mastodonAccount + "].items[1].text");
        assertThat(problems.findValuesAsText("message")).anyMatch(m -> m.startsWith("X @"))
                .anyMatch(m -> m.startsWith("Mastodon @"));
        assertThat(x.posts()).hasSize(xBefore);
        assertThat(mastodon.statuses()).hasSize(mastodonBefore);
    }

    @Test
    void filesUploadedAheadAreNamedByIdAndPublishedToEveryTarget() throws Exception {
        HttpResponse<String> uploaded = api.postMultipart("/api/uploads", new WebClient.Multipart()
                .file("file", "harbour.png", TestMedia.png("Harbour", new Color(30, 90, 160))));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode upload = Json.MAPPER.readTree(uploaded.body()).get("uploads").get(0);
        assertThat(upload.get("name").asText()).isEqualTo("harbour.png");
        String text = "With a picture " + System.nanoTime();
        JsonNode group = created(api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount, mastodonAccount),
                "items", List.of(Map.of("text", text, "media", List.of(Map.of("upload", upload.get("id").asText(),
                        "alt", "A harbour under a blue sky", "focus", "0.5,-0.25"))))))));
        awaitGroup(group.get("id").asText(), g -> g.get("state").asText().equals("published"));
        Post post = x.posts().stream().filter(p -> p.submittedText().equals(text)).findFirst().orElseThrow();
        assertThat(post.mediaIds()).hasSize(1);
        SandboxStatus status = mastodon.statuses().stream().filter(s -> s.text().equals(text)).findFirst()
                .orElseThrow();
        assertThat(status.mediaIds()).hasSize(1);
        // The focal point reaches the platform that crops by it.
        assertThat(mastodon.media()).filteredOn(m -> m.id().equals(status.mediaIds().get(0))).singleElement()
                .satisfies(m -> assertThat(m.focus()).isEqualTo("0.5,-0.25"));

        HttpResponse<String> notAPicture = api.postMultipart("/api/uploads", new WebClient.Multipart()
                .file("file", "notes.png", "plain text".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(notAPicture.statusCode()).isEqualTo(422);
        assertThat(notAPicture.body()).contains("notes.png");
    }

    @Test
    void aScheduledGroupIsEditedUnderTheSameIdThenCancelled() throws Exception {
        Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        JsonNode group = created(api.postJson("/api/publications", Json.text(Map.of(
                "accounts", List.of(xAccount), "items", List.of(Map.of("text", "before the edit")),
                "scheduledAt", at.toString()))));
        String id = group.get("id").asText();
        assertThat(group.get("state").asText()).isEqualTo("scheduled");
        assertThat(group.get("editable").asBoolean()).isTrue();

        Instant later = at.plus(Duration.ofHours(3));
        HttpResponse<String> edited = api.send(api.request("/api/groups/" + id).header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.text(Map.of(
                        "accounts", List.of(xAccount, mastodonAccount),
                        "items", List.of(Map.of("text", "after the edit")), "scheduledAt", later.toString()))))
                .build());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode after = Json.MAPPER.readTree(edited.body());
        assertThat(after.get("id").asText()).isEqualTo(id);
        assertThat(after.get("targets")).hasSize(2);
        assertThat(Instant.parse(after.get("scheduledAt").asText())).isEqualTo(later);
        assertThat(item(after, mastodonAccount, 0).get("text").asText()).isEqualTo("after the edit");

        // The compose page's edit mode: a POST naming the group, in its "targets" shape.
        HttpResponse<String> posted = api.postJson("/api/publications", Json.text(Map.of("edit", id,
                "targets", List.of(Map.of("account", xAccount, "textFor", Map.of("0", "X's own words")),
                        mastodonAccount), "items", List.of(Map.of("text", "edited again")),
                "scheduledAt", later.toString())));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode again = Json.MAPPER.readTree(posted.body());
        assertThat(again.get("id").asText()).isEqualTo(id);
        assertThat(item(again, xAccount, 0).get("text").asText()).isEqualTo("X's own words");
        assertThat(item(again, mastodonAccount, 0).get("text").asText()).isEqualTo("edited again");

        HttpResponse<String> cancelled = api.send(api.request("/api/groups/" + id + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JsonNode gone = Json.MAPPER.readTree(cancelled.body());
        assertThat(gone.get("state").asText()).isEqualTo("cancelled");

        HttpResponse<String> tooLate = api.send(api.request("/api/groups/" + id).header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.text(Map.of(
                        "accounts", List.of(xAccount), "items", List.of(Map.of("text", "again")),
                        "scheduledAt", later.toString())))).build());
        assertThat(tooLate.statusCode()).as(tooLate.body()).isEqualTo(422);
        assertThat(api.get("/api/groups/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    }

    static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.MAPPER.readTree(response.body());
    }

    static JsonNode item(JsonNode group, String account, int index) {
        for (JsonNode target : group.get("targets")) {
            if (target.get("account").asText().equals(account)) {
                return target.get("items").get(index);
            }
        }
        throw new AssertionError("no target " + account + " in " + group);
    }

    static JsonNode awaitGroup(String id, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode group = null;
        while (Instant.now().isBefore(deadline)) {
            group = Json.MAPPER.readTree(api.get("/api/groups/" + id).body());
            if (done.test(group)) {
                return group;
            }
            Thread.sleep(150);
        }
        throw new AssertionError("group " + id + " not as expected in time: " + group);
    }
}
