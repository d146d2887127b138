package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.Post;
import dev.outpost.xsandbox.TokenPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing with the launcher against the X sandbox: images, video, schedule, the worker, JSON, exit codes. */
class PublishIT {
    @TempDir
    static Path dir;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        world = World.start(World.newHome(dir));
        world.connect();
    }

    @AfterEach
    void clearFaults() {
        world.x.faults().clear();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aPostWithFourImagesAndAltTextIsPublishedAndItsAddressPrinted() throws Exception {
        Path a = TestMedia.jpeg(dir, "a.jpg", 640, 480, 1);
        Path b = TestMedia.png(dir, "b.png", 320, 240, 2);
        Path c = TestMedia.jpeg(dir, "c.jpg", 500, 500, 3);
        Path d = TestMedia.jpeg(dir, "d.jpg", 200, 800, 4);
        Launcher.Run run = Launcher.run(world.env(), "post", "Four pictures from the CLI", "--media", a.toString(),
                "--alt", "a field of noise", "--media", b.toString(), "--media", c.toString(), "--alt",
                "more noise, square", "--media", d.toString(), "--alt", "tall noise").expectExit(0);

        Post post = onlyPostWithText("Four pictures from the CLI");
        assertThat(run.lastLine()).isEqualTo("https://x.com/i/web/status/" + post.id());
        assertThat(post.mediaIds()).hasSize(4);
        Map<String, MediaView> media = mediaById();
        assertThat(post.mediaIds()).extracting(id -> media.get(id).sha256())
                .containsExactly(sha256(a), sha256(b), sha256(c), sha256(d));
        assertThat(post.mediaIds()).extracting(id -> media.get(id).altText())
                .containsExactly("a field of noise", null, "more noise, square", "tall noise");
        assertThat(run.stderr()).contains("a.jpg: ready", "d.jpg: ready", "publishing the post");
    }

    @Test
    void aThirtyMegabyteVideoIsUploadedInSegmentsProcessedAndPosted() throws Exception {
        Path video = TestMedia.mp4(dir, "clip.mp4", 30_000_000, 7);
        Launcher.Run run = Launcher.run(world.env(), "post", "A video from the CLI", "--media", video.toString(),
                "--json").expectExit(0);

        JsonNode publication = run.json();
        assertThat(publication.get("state").asText()).isEqualTo("PUBLISHED");
        Post post = onlyPostWithText("A video from the CLI");
        assertThat(publication.get("postId").asText()).isEqualTo(post.id());
        assertThat(publication.get("url").asText()).isEqualTo("https://x.com/i/web/status/" + post.id());
        MediaView uploaded = mediaById().get(post.mediaIds().get(0));
        assertThat(uploaded.totalBytes()).isEqualTo(30_000_000L);
        assertThat(uploaded.sha256()).isEqualTo(sha256(video));
        assertThat(uploaded.segments().size()).isGreaterThan(1);
        assertThat(uploaded.processingState()).isEqualTo("succeeded");
        // Standard error is not a terminal here: plain progress lines, bytes and parts, then processing.
        assertThat(run.stderr()).contains("clip.mp4: uploading 28.6 MiB", "parts)", "clip.mp4: processing",
                "clip.mp4: ready");
    }

    @Test
    void uploadPrintsTheMediaIdAndSetsTheAltText() throws Exception {
        Path image = TestMedia.jpeg(dir, "solo.jpg", 300, 200, 9);
        Launcher.Run run = Launcher.run(world.env(), "upload", image.toString(), "--alt", "a lone picture")
                .expectExit(0);
        String mediaId = run.lastLine();
        assertThat(mediaId).matches("\\d+");
        assertThat(mediaById().get(mediaId).altText()).isEqualTo("a lone picture");
        assertThat(mediaById().get(mediaId).sha256()).isEqualTo(sha256(image));
    }

    @Test
    void aScheduledPostWaitsForTheWorker() throws Exception {
        Launcher.Run later = Launcher.run(world.env(), "post", "Published by the worker", "--at", "+3s",
                "--json").expectExit(0);
        JsonNode queued = later.json();
        assertThat(queued.get("state").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("scheduledAt").asText()).isNotBlank();
        assertThat(world.x.posts()).noneMatch(p -> p.submittedText().equals("Published by the worker"));

        Launcher.Run tooLate = Launcher.run(world.env(), "post", "Never published", "--at", "+1h", "--json")
                .expectExit(0);
        String cancelledId = tooLate.json().get("id").asText();
        Launcher.Run cancel = Launcher.run(world.env(), "publications", "cancel", cancelledId.substring(0, 8),
                "--json").expectExit(0);
        assertThat(cancel.json().get("state").asText()).isEqualTo("CANCELLED");

        Launcher.Run worker = Launcher.run(world.env(), "worker", "--drain", "--json").expectExit(0);
        Post post = onlyPostWithText("Published by the worker");
        JsonNode outcome = worker.json();
        assertThat(outcome.get("publication").asText()).isEqualTo(queued.get("id").asText());
        assertThat(outcome.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(outcome.get("url").asText()).endsWith("/" + post.id());

        JsonNode shown = Launcher.run(world.env(), "publications", "show", queued.get("id").asText(), "--json")
                .expectExit(0).json();
        assertThat(shown.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(shown.get("postId").asText()).isEqualTo(post.id());
        assertThat(world.x.posts()).noneMatch(p -> p.submittedText().equals("Never published"));

        JsonNode list = Launcher.run(world.env(), "publications", "list", "--state", "cancelled", "--json")
                .expectExit(0).json();
        assertThat(list).extracting(n -> n.get("id").asText()).contains(cancelledId);
    }

    @Test
    void mediaThePlatformCannotProcessIsARefusalExitFour() throws Exception {
        world.x.faults().failProcessing(1);
        Path video = TestMedia.mp4(dir, "broken.mp4", 2_000_000, 11);
        Launcher.Run run = Launcher.run(world.env(), "post", "Broken video", "--media", video.toString(), "--json")
                .expectExit(4);
        assertThat(run.json().get("state").asText()).isEqualTo("FAILED");
        assertThat(run.stderr()).contains("outpost: not published: broken.mp4: X refused it", "could not process");
        assertThat(world.x.posts()).noneMatch(p -> p.submittedText().equals("Broken video"));
    }

    @Test
    void aPostWhoseAnswerIsLostIsUnconfirmedExitFive() throws Exception {
        world.x.faults().add("tweets@1=503");
        Launcher.Run run = Launcher.run(world.env(), "post", "Was it posted?", "--json").expectExit(5);
        assertThat(run.json().get("state").asText()).isEqualTo("UNCONFIRMED");
        assertThat(run.stderr()).contains("not confirmed yet", "outpost publications show");
        assertThat(world.x.posts()).noneMatch(p -> p.submittedText().equals("Was it posted?"));
    }

    @Test
    void anUnreachableDatabaseIsExitOne() throws Exception {
        Map<String, String> env = world.env("OUTPOST_STORAGE", "postgres");
        env.put("OUTPOST_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + World.freePort() + "/outpost");
        Launcher.Run run = Launcher.run(env, "accounts", "list").expectExit(1);
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).startsWith("outpost: ");
    }

    @Test
    void noSecretAppearsInAnyOutputEvenVerbose() throws Exception {
        Path home = Files.createDirectories(dir.resolve("secrets-home"));
        Map<String, String> env = world.env("OUTPOST_HOME", home.toString());
        TokenPair tokens = world.tokens();
        Launcher.Run imported = Launcher.run(env, "--verbose", "accounts", "import", "x", "--access-token",
                tokens.accessToken(), "--refresh-token", tokens.refreshToken(), "--expires-in", "30").expectExit(0);
        Path image = TestMedia.jpeg(dir, "secret.jpg", 100, 100, 5);
        // 30 s left is under the refresh margin: this run refreshes, so the new pair passes through too.
        Launcher.Run posted = Launcher.run(env, "--verbose", "post", "No secrets here", "--media",
                image.toString()).expectExit(0);
        String everything = imported.stdout() + imported.stderr() + posted.stdout() + posted.stderr();
        assertThat(world.x.state().tokenRotations()).isPositive();
        assertThat(everything).contains("DEBUG").doesNotContain(tokens.accessToken(), tokens.refreshToken(),
                World.CLIENT_SECRET);
    }

    private static Post onlyPostWithText(String text) {
        List<Post> posts = world.x.posts().stream().filter(p -> p.submittedText().equals(text)).toList();
        assertThat(posts).as("posts with text %s", text).hasSize(1);
        return posts.get(0);
    }

    private static Map<String, MediaView> mediaById() {
        return world.x.state().media().stream().collect(Collectors.toMap(MediaView::id, Function.identity()));
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
