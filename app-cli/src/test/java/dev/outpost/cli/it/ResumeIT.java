package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.LoggedRequest;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.Post;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video upload killed with SIGKILL halfway, then finished by {@code publications resume}: the killed process's claim
 * is taken over at once (not waited for), segments the sandbox acknowledged are not sent again, the same media id is
 * continued, and there is one post. A run that is still going is never taken over.
 */
class ResumeIT {
    private static final int SEGMENT = 1 << 20;
    private static final int SEGMENTS = 12;
    private static final Duration LONG_LEASE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        world = World.start(World.newHome(dir)).with("OUTPOST_X_CHUNK_SIZE", Integer.toString(SEGMENT))
                .with("OUTPOST_CLAIM_LEASE_SECONDS", "5");
        world.connect();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aKilledUploadResumesWhereTheJournalLeftIt() throws Exception {
        Path video = TestMedia.mp4(dir, "resumable.mp4", (long) SEGMENT * SEGMENTS, 21);
        // Slow the sandbox so the upload is still going when it is killed.
        world.x.faults().bandwidth(1_500_000);
        java.util.Set<String> earlier = world.x.state().media().stream().map(MediaView::id)
                .collect(java.util.stream.Collectors.toSet());
        // One segment at a time, so the journal trails the sandbox by at most the segment in flight. A lease far
        // longer than the test: resume must not wait for it, the killed run is known dead.
        Map<String, String> env = world.env("OUTPOST_APPEND_PARALLELISM", "1");
        env.put("OUTPOST_CLAIM_LEASE_SECONDS", Long.toString(LONG_LEASE.toSeconds()));
        Launcher.Started post = Launcher.start(env, null, "post", "Survives a kill", "--media", video.toString());
        MediaView halfway = awaitSegments(earlier, 4, Duration.ofSeconds(60));
        post.kill();
        assertThat(post.process().exitValue()).isEqualTo(137);
        world.x.faults().clear();

        JsonNode listed = Launcher.run(world.env(), "publications", "list", "--state", "uploading", "--json")
                .expectExit(0).json();
        assertThat(listed).hasSize(1);
        String id = listed.get(0).get("id").asText();
        assertThat(listed.get(0).get("state").asText()).isEqualTo("UPLOADING");
        JsonNode upload = Launcher.run(world.env(), "publications", "show", id, "--json").expectExit(0).json()
                .get("media").get(0).get("upload");
        assertThat(upload.get("phase").asText()).isEqualTo("uploading");
        // The journal holds whole segments: what the platform acknowledged, in bytes.
        long acknowledgedBytes = upload.get("acknowledgedBytes").asLong();
        assertThat(acknowledgedBytes % SEGMENT).isZero();
        int acknowledged = (int) (acknowledgedBytes / SEGMENT);
        // The sandbox had 4; the last may have been killed between its answer and the journal.
        assertThat(acknowledged).isBetween(3, SEGMENTS - 1);
        int appendsBefore = successfulAppends(halfway.id()).size();
        int initsBefore = world.x.state().requestsTo(Endpoint.MEDIA_INITIALIZE).size();

        long started = System.nanoTime();
        Launcher.Run resumed = Launcher.run(env, "publications", "resume", id.substring(0, 8), "--json")
                .expectExit(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(resumed.json().get("state").asText()).isEqualTo("PUBLISHED");
        // The killed process's claim was taken over at once rather than waited for.
        assertThat(resumed.stderr()).containsPattern("The run that held publication " + id + " \\(cli@[^:]+:"
                + post.process().pid() + "\\) is no longer running; took over its claim").doesNotContain("waiting up to");
        assertThat(took).isLessThan(LONG_LEASE);
        assertThat(resumed.stderr()).containsPattern("resumable.mp4: uploading 12\\.0 MiB in " + SEGMENTS
                + " parts, resuming after " + acknowledged + "\\.0 MiB already sent");

        // Exactly the segments the journal had not recorded went out again; no new upload was started.
        assertThat(successfulAppends(halfway.id()).size() - appendsBefore).isEqualTo(SEGMENTS - acknowledged);
        assertThat(world.x.state().requestsTo(Endpoint.MEDIA_INITIALIZE)).hasSize(initsBefore);
        List<Post> posts = world.x.posts().stream().filter(p -> p.submittedText().equals("Survives a kill")).toList();
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).mediaIds()).containsExactly(halfway.id());
        assertThat(resumed.json().get("postId").asText()).isEqualTo(posts.get(0).id());
        MediaView done = world.x.state().media().stream().filter(m -> m.id().equals(halfway.id())).findFirst()
                .orElseThrow();
        assertThat(done.sha256()).isEqualTo(PublishIT.sha256(video));
        assertThat(done.segments()).hasSize(SEGMENTS);
    }

    @Test
    void aPostStoppedWithSigtermLeavesAPublicationThatResumeFinishes() throws Exception {
        Path video = TestMedia.mp4(dir, "stopped.mp4", (long) SEGMENT * 4, 22);
        world.x.faults().bandwidth(1_000_000);
        Launcher.Started post = Launcher.start(world.env(), null, "post", "Stopped politely", "--media",
                video.toString());
        post.awaitStderrLine(line -> line.contains("stopped.mp4: uploading"), Duration.ofSeconds(60));
        post.process().destroy();
        post.finish(Duration.ofSeconds(30)).expectExit(143);
        world.x.faults().clear();

        JsonNode uploading = Launcher.run(world.env(), "publications", "list", "--state", "uploading", "--json")
                .expectExit(0).json();
        assertThat(uploading).hasSize(1);
        Launcher.Run resumed = Launcher.run(world.env(), "publications", "resume",
                uploading.get(0).get("id").asText()).expectExit(0);
        assertThat(resumed.lastLine()).startsWith("https://x.com/i/web/status/");
        assertThat(world.x.posts()).filteredOn(p -> p.submittedText().equals("Stopped politely")).hasSize(1);
    }

    @Test
    void aResumeNeverTakesOverARunThatIsStillGoingButTakesItOverOnceKilled() throws Exception {
        Path video = TestMedia.mp4(dir, "alive.mp4", (long) SEGMENT * 4, 23);
        // Slow enough that the post is still uploading when the first resume gives up (its own lease 5 s + 5 s).
        // The post's lease outlasts the test: only a take-over lets the last resume run.
        world.x.faults().bandwidth(120_000);
        Map<String, String> env = world.env("OUTPOST_APPEND_PARALLELISM", "1");
        env.put("OUTPOST_CLAIM_LEASE_SECONDS", Long.toString(LONG_LEASE.toSeconds()));
        Launcher.Started post = Launcher.start(env, null, "post", "Held by a live run", "--media", video.toString());
        post.awaitStderrLine(line -> line.contains("alive.mp4: uploading"), Duration.ofSeconds(60));
        String id = Launcher.run(world.env(), "publications", "list", "--state", "uploading", "--json").expectExit(0)
                .json().get(0).get("id").asText();

        Launcher.Run refused = Launcher.run(world.env(), "publications", "resume", id);

        assertThat(post.process().isAlive()).as("the post still runs").isTrue();
        refused.expectExit(1);
        String holder = ":" + post.process().pid() + ", which is still running";
        assertThat(refused.stderr()).contains("is held by cli@").contains(holder).doesNotContain("took over");

        post.kill();
        world.x.faults().clear();
        Launcher.Run resumed = Launcher.run(env, "publications", "resume", id).expectExit(0);
        assertThat(resumed.stderr()).contains(post.process().pid() + ") is no longer running; took over its claim")
                .doesNotContain("waiting up to");
        assertThat(world.x.posts()).filteredOn(p -> p.submittedText().equals("Held by a live run")).hasSize(1);
    }

    private static MediaView awaitSegments(java.util.Set<String> earlier, int count, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (MediaView media : world.x.state().media()) {
                if (!earlier.contains(media.id()) && media.segments() != null && media.segments().size() >= count) {
                    return media;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the upload did not reach " + count + " segments in " + timeout);
    }

    private static List<LoggedRequest> successfulAppends(String mediaId) {
        return world.x.requests().forEndpoint(Endpoint.MEDIA_APPEND).stream()
                .filter(r -> r.path().contains("/" + mediaId + "/") && r.status() / 100 == 2).toList();
    }
}
