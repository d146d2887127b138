package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.XSandbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A publication's live view over real HTTP: the event stream, retries, failures in the user's words. */
class PublicationLiveTest {
    private static OutpostWeb app;
    private static XSandbox sandbox;
    private static WebClient api;
    private static String account;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
        sandbox = app.sandbox().orElseThrow();
        api = new WebClient(app.baseUrl()).basic(TestApp.PASSWORD);
        account = Accounts.connect(api, sandbox);
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @AfterAll
    static void noPublicationRanTwiceAtOnce() {
        // Publish-now's worker and the queue's share one instance: their claims must keep them apart.
        assertThat(LogCapture.all()).doesNotContain("was changed by another worker");
    }

    /** One server-sent event. */
    record Event(String name, JsonNode data) {
    }

    @Test
    void afterRetryTheStreamNeverReplaysTheEarlierFailureAndEventsSayWhenTheyHappened() throws Exception {
        sandbox.faults().failWith(Endpoint.TWEETS_CREATE, 400, 1, 1);
        String id = create("fails once, then retried " + System.nanoTime());
        awaitState(id, PublicationState.FAILED);
        Instant retriedAt = Instant.now();
        assertThat(api.send(api.request("/api/publications/" + id + "/retry").POST(HttpRequest.BodyPublishers
                .noBody()).build()).statusCode()).isEqualTo(200);

        List<Event> events = events(id, e -> e.name().equals("snapshot") && e.data().get("state").asText()
                .equals("published"));
        assertThat(events).extracting(Event::name).doesNotContain("failed");
        assertThat(events).filteredOn(e -> e.name().equals("snapshot")).extracting(e -> e.data().get("state")
                .asText()).doesNotContain("failed");
        for (Event event : events) {
            if (!event.name().equals("snapshot")) {
                Instant at = Instant.parse(event.data().get("at").asText());
                assertThat(at).as("when %s happened", event.name()).isAfterOrEqualTo(retriedAt.minusSeconds(1))
                        .isBeforeOrEqualTo(Instant.now());
            }
        }
    }

    @Test
    void aFailureSaysWhatHappenedAndWhatToDoWithTheUsersFileNameAndKeepsTheDetails() throws Exception {
        sandbox.faults().failProcessing(1);
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "a clip that will not process")
                .file("media[0]", "small.mp4", TestMedia.mp4(256 * 1024)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        awaitState(id, PublicationState.FAILED);

        JsonNode view = Json.MAPPER.readTree(api.get("/api/publications/" + id).body());
        assertThat(view.get("failure").asText()).contains("small.mp4").doesNotContainPattern(STORED_NAME);
        assertThat(view.get("media").get(0).get("name").asText()).isEqualTo("small.mp4");
        JsonNode explained = view.get("failureExplained");
        assertThat(explained.get("summary").asText()).isEqualTo("X did not accept small.mp4.");
        assertThat(explained.get("advice").asText()).contains("another file");
        assertThat(explained.get("details").asText()).contains("small.mp4").doesNotContainPattern(STORED_NAME);

        String page = new WebClient(app.baseUrl()).signIn().get("/publications/" + id).body();
        assertThat(page).contains("X did not accept small.mp4.").contains("<summary>Details</summary>")
                .doesNotContainPattern(STORED_NAME + "[^\\\"]");
    }

    static final String STORED_NAME = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.mp4";

    @Test
    void theEventStreamIsServedWithoutAnAcceptHeaderAsCurlSendsIt() throws Exception {
        String id = create("streamed to curl " + System.nanoTime());
        List<Event> events = events(id, e -> e.name().equals("snapshot"), null);
        assertThat(events).extracting(Event::name).containsExactly("snapshot");
        assertThat(events.get(0).data().get("id").asText()).isEqualTo(id);
        HttpResponse<String> unknown = api.get("/api/publications/00000000-0000-0000-0000-000000000000/events");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    static String create(String text) throws Exception {
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", text));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.MAPPER.readTree(created.body()).get("id").asText();
    }

    static void awaitState(String id, PublicationState state) throws InterruptedException {
        awaitState(app, id, state);
    }

    static void awaitState(OutpostWeb app, String id, PublicationState state) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (app.core().publications().get(new PublicationId(id)).state() == state) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " never became " + state);
    }

    /** Reads the publication's event stream until {@code last} matches (or 30 s pass). */
    static List<Event> events(String id, Predicate<Event> last) throws Exception {
        return events(id, last, "text/event-stream");
    }

    static List<Event> events(String id, Predicate<Event> last, String accept) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(app.baseUrl().resolve("/api/publications/" + id
                + "/events")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString((":"
                + TestApp.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<Stream<String>> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        List<Event> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            String name = "message";
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    try {
                        Event event = new Event(name, Json.MAPPER.readTree(line.substring(5).strip()));
                        synchronized (events) {
                            events.add(event);
                        }
                        if (last.test(event)) {
                            return;
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        });
        try {
            reading.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (events) {
                throw new AssertionError("the stream did not reach the expected event in 30 s; got " + events);
            }
        } finally {
            response.body().close();
        }
        return events;
    }
}
