package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.post.PublicationState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Publish now" starts at once, not at the queue's next look (here 30 s away), and so does Retry. */
class PublishNowTest {
    @Test
    void aPublicationDueNowStartsAtOnceAndSoDoesARetry() throws Exception {
        try (OutpostWeb app = TestApp.start(TestApp.freshHome("publish-now"), Map.of("OUTPOST_JOB_POLL_INTERVAL",
                "PT30S"))) {
            WebClient api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
            String account = Accounts.connect(api, app.sandbox().orElseThrow());
            // The queue looks once at start-up; let that look pass.
            Thread.sleep(500);
            Instant sent = Instant.now();
            HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                    .field("account", account).field("text", "right away"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = Json.MAPPER.readTree(created.body()).get("id").asText();
            Awaits.published(app, id);
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(10));

            app.sandbox().orElseThrow().faults().failWith(dev.outpost.xsandbox.Endpoint.TWEETS_CREATE, 400, 1, 1);
            String failing = Json.MAPPER.readTree(api.postMultipart("/api/publications", new WebClient.Multipart()
                    .field("account", account).field("text", "fails, then retried")).body()).get("id").asText();
            Instant deadline = Instant.now().plusSeconds(10);
            while (app.core().publications().get(new dev.outpost.domain.post.PublicationId(failing)).state()
                    != PublicationState.FAILED) {
                assertThat(Instant.now()).as("failed at once").isBefore(deadline);
                Thread.sleep(50);
            }
            Instant retried = Instant.now();
            api.send(api.request("/api/publications/" + failing + "/retry")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            Awaits.published(app, failing);
            assertThat(Duration.between(retried, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }
}
