package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The small things a new user trips over, over real HTTP against an app of its own. */
class RoughEdgesTest {
    private static OutpostWeb app;
    private static WebClient api;
    private static String account;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.freshHome("rough-edges"), Map.of());
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        account = Accounts.connect(api, app.sandbox().orElseThrow());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anUnknownPageIsAPageOfTheAppAndTheApiAnswersJson() {
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        HttpResponse<String> page = browser.send(browser.request("/no/such/page").header("Accept",
                "text/html,application/xhtml+xml").GET().build());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"nav-compose\"").contains("Not found").contains("/no/such/page");
        HttpResponse<String> json = api.get("/api/no-such-thing");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).startsWith("{").contains("\"status\":404");
    }

    @Test
    void thereIsAFaviconForEveryoneAndPagesLinkIt() {
        WebClient anonymous = new WebClient(app.baseUrl());
        HttpResponse<String> ico = anonymous.get("/favicon.ico");
        assertThat(ico.statusCode()).isEqualTo(301);
        assertThat(ico.headers().firstValue("Location")).hasValue("/static/favicon.svg");
        HttpResponse<String> svg = anonymous.get("/static/favicon.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(anonymous.get("/login").body()).contains("<link rel=\"icon\" href=\"/static/favicon.svg\"");
    }

    @Test
    void aFilterWithoutMatchesSaysSoAndOffersAllPublications() {
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String page = browser.get("/publications?state=cancelled&account=nobody:1").body();
        assertThat(page).contains("No publication matches these filters").contains("href=\"/publications\"")
                .doesNotContain("Nothing here yet");
    }

    @Test
    void theHistorySaysWhenAScheduledPostGoesOutAndServesItsRowsForLiveUpdates() throws Exception {
        Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String id = Json.MAPPER.readTree(api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "later on").field("scheduledAt", at.toString())).body())
                .get("id").asText();
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        String page = browser.get("/publications").body();
        assertThat(page).contains("<th>When</th>").contains("history.js");
        String rows = browser.get("/publications/rows?state=queued").body();
        assertThat(rows).contains("data-publication=\"" + id + "\"").contains("scheduled for")
                .contains("datetime=\"" + at + "\"").doesNotContain("<html");
        api.send(api.request("/api/publications/" + id + "/cancel").POST(java.net.http.HttpRequest.BodyPublishers
                .noBody()).build());
    }

    @Test
    void signingInLandsOnThePageAskedForAndNeverOnAnotherSite() {
        WebClient browser = new WebClient(app.baseUrl());
        HttpResponse<String> asked = browser.get("/publications?state=failed");
        assertThat(asked.statusCode()).isEqualTo(302);
        String login = asked.headers().firstValue("Location").orElseThrow();
        assertThat(login).isEqualTo("/login?next=%2Fpublications%3Fstate%3Dfailed");
        assertThat(browser.get(login).body()).contains("name=\"next\" value=\"/publications?state=failed\"");
        HttpResponse<String> signedIn = browser.postForm("/login", Map.of("password", TestApp.PASSWORD, "_csrf",
                browser.csrf(), "next", "/publications?state=failed"));
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/publications?state=failed");

        for (String elsewhere : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", "/logout"}) {
            WebClient other = new WebClient(app.baseUrl());
            other.get("/login");
            HttpResponse<String> response = other.postForm("/login", Map.of("password", TestApp.PASSWORD, "_csrf",
                    other.csrf(), "next", elsewhere));
            assertThat(response.headers().firstValue("Location")).as(elsewhere).hasValue("/compose");
        }
    }

    @Test
    void disconnectingAsksFirstAndOffersToCancelTheAccountsWaitingPosts() throws Exception {
        String scheduled = Json.MAPPER.readTree(api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "waits for tomorrow")
                .field("scheduledAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())).body()).get("id").asText();
        WebClient browser = new WebClient(app.baseUrl()).signIn();
        assertThat(browser.get("/accounts").body()).contains("href=\"/accounts/" + account + "/disconnect\"");

        HttpResponse<String> unconfirmed = browser.postForm("/accounts/" + account + "/disconnect",
                Map.of("_csrf", browser.csrf()));
        assertThat(unconfirmed.statusCode()).isEqualTo(200);
        assertThat(unconfirmed.body()).contains("Disconnect @").contains("1 post waiting to be published")
                .contains("id=\"cancel-queued\"");
        assertThat(app.core().accounts().find(new dev.outpost.domain.account.AccountId(account))).isPresent();

        HttpResponse<String> done = browser.postForm("/accounts/" + account + "/disconnect", Map.of("_csrf",
                browser.csrf(), "confirm", "yes", "cancelQueued", "yes"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.get("/accounts").body()).contains("Disconnected @").contains("Cancelled 1 post");
        assertThat(app.core().publications().get(new PublicationId(scheduled)).state())
                .isEqualTo(PublicationState.CANCELLED);
        assertThat(app.core().accounts().find(new dev.outpost.domain.account.AccountId(account))).isEmpty();
        account = Accounts.connect(api, app.sandbox().orElseThrow());
        JsonNode accounts = Json.MAPPER.readTree(api.get("/api/accounts").body());
        assertThat(accounts.findValuesAsText("id")).contains(account);
    }
}
