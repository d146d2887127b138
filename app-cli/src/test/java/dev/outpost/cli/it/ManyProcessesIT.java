package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.xsandbox.Post;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
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
 * RELIABILITY L1 with real processes on one home: the web app (its own JVM, its queue running, browsers' sessions
 * written to the store and scripts reading the API), loops of {@code publications list}, a {@code worker} publishing
 * scheduled posts, and posts with images, all at once. Nobody fails, nothing prints a stack trace, every post is
 * published exactly once.
 */
class ManyProcessesIT {
    private static final int LIST_LOOPS = 4;
    private static final int LISTS_PER_LOOP = 4;
    private static final int POSTS = 4;
    private static final int SCHEDULED = 2;
    private static final String WEB_PASSWORD = "many-processes-web-password";

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

        int webPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            webPort = socket.getLocalPort();
        }
        Map<String, String> webEnv = new HashMap<>(world.env());
        webEnv.put("OUTPOST_WEB_HOST", "127.0.0.1");
        webEnv.put("OUTPOST_WEB_PORT", Integer.toString(webPort));
        webEnv.put("OUTPOST_WEB_PASSWORD", WEB_PASSWORD);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Launcher.Started web = Launcher.startCommand(List.of(java.toString(), "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "dev.outpost.web.Main"), webEnv, null, List.of("web app"));
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<List<Launcher.Run>>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            URI base = URI.create("http://127.0.0.1:" + webPort);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (status(base.resolve("/health"), false) == 0) {
                assertThat(web.process().isAlive()).as("the web app runs: %s", web.stderrSoFar()).isTrue();
                assertThat(System.nanoTime()).as("the web app is up within 2 minutes").isLessThan(deadline);
                Thread.sleep(200);
            }
            Future<Integer> webRequests = pool.submit(() -> webWhileOthersRun(base, all));
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
            assertThat(webRequests.get()).as("web requests answered while the commands ran").isPositive();
            assertThat(web.process().isAlive()).as("the web app is still up: %s", web.stderrSoFar()).isTrue();
            assertThat(web.stderrSoFar()).as("the web app's standard error")
                    .doesNotContain("Exception", "\tat ", "ERROR");

            assertThat(runs).hasSize(1 + POSTS + LIST_LOOPS * LISTS_PER_LOOP);
            assertThat(runs).allSatisfy(run -> {
                assertThat(run.exit()).as("exit code of %s", run).isZero();
                assertThat(run.stderr()).as("standard error of %s", run)
                        .doesNotContain("Exception", "\tat ", "ERROR", "WARN");
            });
        } finally {
            pool.shutdownNow();
            web.process().destroy();
            web.process().waitFor();
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

    /**
     * Until every command has ended: a browser's first visit (a session written to the store) and a script's read of
     * the publications (Basic credentials), each of which must succeed.
     *
     * @return how many requests were answered
     */
    private static int webWhileOthersRun(URI base, List<Future<List<Launcher.Run>>> commands) throws Exception {
        int answered = 0;
        do {
            assertThat(status(base.resolve("/login"), false)).as("GET /login").isEqualTo(200);
            assertThat(status(base.resolve("/api/publications"), true)).as("GET /api/publications").isEqualTo(200);
            answered += 2;
            Thread.sleep(100);
        } while (answered < 4 || commands.size() < 1 + POSTS + LIST_LOOPS
                || !commands.stream().allMatch(Future::isDone));
        return answered;
    }

    /** The status of a GET, or 0 when nothing answers. */
    private static int status(URI uri, boolean basic) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(60_000);
            if (basic) {
                c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + WEB_PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
