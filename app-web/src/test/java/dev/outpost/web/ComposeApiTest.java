package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/publications} over real HTTP against the shared app: what a draft's problems say, and where. */
class ComposeApiTest {
    private static OutpostWeb app;
    private static WebClient api;
    private static String account;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        account = Accounts.connect(api, app.sandbox().orElseThrow());
    }

    @Test
    void aBadFileIsFlaggedAloneNotTheGoodOneAfterIt() throws Exception {
        HttpResponse<String> response = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "three files")
                .file("media[0]", "img1.png", TestMedia.png("1", Color.BLUE))
                .file("media[1]", "notimage.png", "just some text, not a picture".getBytes(StandardCharsets.UTF_8))
                .file("media[2]", "img2.png", TestMedia.png("2", Color.GREEN)));
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(response.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).containsExactly("media[1]");
        assertThat(problems.get(0).get("message").asText()).contains("notimage.png");
    }

    @Test
    void aScheduleMoreThanAYearAheadIsRefusedAtTheField() throws Exception {
        for (String far : new String[] {"9999-12-31T00:00:00Z", Instant.now().plus(Duration.ofDays(400)).toString()}) {
            HttpResponse<String> response = api.postMultipart("/api/publications", new WebClient.Multipart()
                    .field("account", account).field("text", "far ahead").field("scheduledAt", far));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            JsonNode problem = Json.MAPPER.readTree(response.body()).get("problems").get(0);
            assertThat(problem.get("field").asText()).isEqualTo("scheduledAt");
            assertThat(problem.get("message").asText()).contains("more than a year ahead");
        }
    }

    @Test
    void aWallClockTimeIsReadInTheUsersZoneAndProblemsSpeakThatZoneToTheMinute() throws Exception {
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDateTime tomorrow = LocalDate.now(newYork).plusDays(1).atTime(9, 30);
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "in New York " + System.nanoTime())
                .field("scheduledAt", tomorrow.toString()).field("timeZone", newYork.getId()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = Json.MAPPER.readTree(created.body());
        assertThat(Instant.parse(view.get("scheduledAt").asText())).isEqualTo(tomorrow.atZone(newYork).toInstant());
        api.send(api.request("/api/publications/" + view.get("id").asText() + "/cancel")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        LocalDateTime yesterday = LocalDate.now(newYork).minusDays(1).atTime(17, 48);
        HttpResponse<String> past = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "too late")
                .field("scheduledAt", yesterday.toString()).field("timeZone", newYork.getId()));
        assertThat(past.statusCode()).isEqualTo(422);
        String message = Json.MAPPER.readTree(past.body()).get("problems").get(0).get("message").asText();
        assertThat(message).contains("has passed").contains("(America/New_York)")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}").doesNotContain("Z ");

        HttpResponse<String> noZone = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "which zone?").field("scheduledAt", tomorrow.toString()));
        assertThat(noZone.statusCode()).isEqualTo(422);
        assertThat(noZone.body()).contains("has no time zone");
    }

    @Test
    void aFileSentAheadIsNamedByItsIdAndAnIdOfNoStoredUploadIsRefusedAtItsField() throws Exception {
        HttpResponse<String> uploaded = api.postMultipart("/api/uploads", new WebClient.Multipart()
                .file("file", "ahead.png", TestMedia.png("ahead", Color.MAGENTA)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(uploaded.body()).get("uploads").get(0).get("id").asText();
        String later = Instant.now().plus(Duration.ofDays(7)).toString();

        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "sent ahead " + System.nanoTime()).field("scheduledAt", later)
                .field("media[0].upload", id).field("media[0].alt", "A pink square"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode media = Json.MAPPER.readTree(created.body()).get("media").get(0);
        assertThat(media.get("name").asText()).isEqualTo("ahead.png");
        assertThat(media.get("url").asText()).isEqualTo("/media/" + id);
        api.send(api.request("/api/publications/" + Json.MAPPER.readTree(created.body()).get("id").asText()
                + "/cancel").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        HttpResponse<String> refused = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "no such files").field("scheduledAt", later)
                .field("media[0].upload", "../web-admin.properties")
                .field("media[1].upload", "0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problems = Json.MAPPER.readTree(refused.body()).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("media[0]", "media[1]");
        assertThat(problems.findValuesAsText("message")).anyMatch(m -> m.startsWith("file 2 is no longer stored"));

        HttpResponse<String> group = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("targets[0]", account).field("items[0].text", "a group").field("scheduledAt", later)
                .field("items[0].media[0].upload", "0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png"));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(422);
        assertThat(Json.MAPPER.readTree(group.body()).get("problems").findValuesAsText("field"))
                .contains("items[0].media[0]");
    }

    @Test
    void aDraftWhoseFileIsNoLongerStoredOpensWithoutItAndSaysSo() throws Exception {
        String content = "{\"items\":[{\"text\":\"gone file\",\"media\":[{\"upload\":"
                + "\"0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44.png\",\"name\":\"swept.png\",\"alt\":\"a\"}]}]}";
        HttpResponse<String> saved = api.postJson("/api/drafts", Json.text(java.util.Map.of("title", "gone",
                "content", content)));
        assertThat(saved.statusCode()).isEqualTo(201);
        String draftId = Json.MAPPER.readTree(saved.body()).get("id").asText();

        HttpResponse<String> page = new WebClient(app.baseUrl()).signIn().get("/compose?draft=" + draftId);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"compose-notice\"").contains("swept.png is no longer stored")
                .doesNotContain("0b6c8f1e-3a1d-4c55-9f0a-5f2b7c1d9e44");
        api.send(api.request("/api/drafts/" + draftId).DELETE().build());
    }
}
