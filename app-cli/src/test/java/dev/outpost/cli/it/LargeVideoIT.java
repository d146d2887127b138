package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.MediaView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest video X takes (512 MiB, 536,870,912 bytes) uploads through the launcher as built, whose heap cap is
 * 40 MB: media bytes are streamed from the file as the connection takes them, never held in memory.
 */
class LargeVideoIT {
    private static final long SIZE = 512L << 20;

    @TempDir
    static Path dir;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        // 4 MiB segments: the sandbox's (and X's observed) largest, so no 413-and-split round is spent.
        world = World.start(World.newHome(dir)).with("OUTPOST_X_CHUNK_SIZE", Integer.toString(4 << 20));
        world.connect();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void a512MegabyteVideoUploadsWithTheLaunchersSmallHeap() throws Exception {
        Path video = TestMedia.sparseMp4(dir, "huge.mp4", SIZE);
        Map<String, String> env = world.env("JAVA_OPTS", "");
        long start = System.nanoTime();
        Launcher.Run run = Launcher.start(env, null, "post", "Half a gigabyte", "--media", video.toString(),
                "--json").finish(Duration.ofMinutes(5)).expectExit(0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        JsonNode publication = run.json();
        assertThat(publication.get("state").asText()).isEqualTo("PUBLISHED");
        String mediaId = world.x.posts().get(0).mediaIds().get(0);
        MediaView media = world.x.state().media().stream().filter(m -> m.id().equals(mediaId)).findFirst()
                .orElseThrow();
        assertThat(media.totalBytes()).isEqualTo(SIZE);
        assertThat(media.sha256()).isEqualTo(PublishIT.sha256(video));
        assertThat(run.stderr()).doesNotContain("OutOfMemoryError");
        String report = String.format(Locale.ROOT, "512 MiB video, the launcher's heap cap: published in %.1f s (%d segments)%n",
                took.toMillis() / 1000.0, media.segments().size());
        System.out.print(report);
        Files.writeString(Path.of("target", "large-video.txt"), report);
    }
}
