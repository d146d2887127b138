package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.Post;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY L1 with real processes on one home: loops of {@code publications list}, a {@code worker} publishing
 * scheduled posts, and posts with images, all at once. Nobody fails, nothing prints a stack trace, every post is
 * published exactly once.
 */
class ManyProcessesIT {
    private static final int LIST_LOOPS = 4;
    private static final int LISTS_PER_LOOP = 4;
    private static final int POSTS = 4;
    private static final int SCHEDULED = 2;

    @TempDir
    static Path dir;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        world = World.start(World.newHome(dir));
        world.connect();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void listsAWorkerAndPostsOnOneHomeAtOnceAllSucceedAndEachPostIsPublishedOnce() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < SCHEDULED; i++) {
            String text = "Scheduled while others run " + i;
            texts.add(text);
            Launcher.run(world.env(), "post", text, "--at", "+6s", "--json").expectExit(0);
        }
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            images.add(TestMedia.png(dir, "image-" + i + ".png", 300, 200, 100 + i));
        }

        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<List<Launcher.Run>>> all = new ArrayList<>();
        try {
            all.add(pool.submit(() -> List.of(Launcher.start(world.env(), null, "worker", "--drain", "--json")
                    .finish(Duration.ofMinutes(5)))));
            for (int i = 0; i < POSTS; i++) {
                String text = "Posted while others run " + i;
                texts.add(text);
                Path image = images.get(i);
                all.add(pool.submit(() -> List.of(Launcher.start(world.env(), null, "post", text, "--media",
                        image.toString(), "--alt", "noise " + text).finish(Duration.ofMinutes(5)))));
            }
            for (int loop = 0; loop < LIST_LOOPS; loop++) {
                all.add(pool.submit(() -> {
                    List<Launcher.Run> runs = new ArrayList<>();
                    for (int i = 0; i < LISTS_PER_LOOP; i++) {
                        runs.add(Launcher.start(world.env(), null, "publications", "list")
                                .finish(Duration.ofMinutes(5)));
                    }
                    return runs;
                }));
            }
            List<Launcher.Run> runs = new ArrayList<>();
            for (Future<List<Launcher.Run>> f : all) {
                runs.addAll(f.get());
            }

            assertThat(runs).hasSize(1 + POSTS + LIST_LOOPS * LISTS_PER_LOOP);
            assertThat(runs).allSatisfy(run -> {
                assertThat(run.exit()).as("exit code of %s", run).isZero();
                assertThat(run.stderr()).as("standard error of %s", run)
                        .doesNotContain("Exception", "\tat ", "ERROR", "WARN");
            });
        } finally {
            pool.shutdownNow();
        }

        // The worker may have ended before the scheduled posts were due (nothing was queued yet when it looked):
        // drain again, as the user would.
        Launcher.run(world.env(), "worker", "--drain").expectExit(0);
        Map<String, List<Post>> byText = world.x.posts().stream()
                .collect(Collectors.groupingBy(Post::submittedText));
        assertThat(texts).allSatisfy(text -> assertThat(byText.get(text)).as(text).hasSize(1));
        JsonNode listed = Launcher.run(world.env(), "publications", "list", "--json").expectExit(0).json();
        assertThat(listed).hasSize(texts.size());
        assertThat(listed).allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("PUBLISHED"));
    }
}
