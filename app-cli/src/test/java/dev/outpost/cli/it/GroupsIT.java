package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.blueskysandbox.BlueskySandbox;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxStatus;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.FaultAction;
import dev.outpost.xsandbox.FaultRule;
import dev.outpost.xsandbox.Post;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-posting and threads with the built launcher against the three sandboxes on loopback (X, Mastodon, Bluesky),
 * everything read back from each sandbox: a post to every platform, published once each; a target refusing while the
 * others publish (exit code, {@code --json}), then resumed alone; a 5-post thread killed while post 3 was out and
 * resumed (posts 3–5 once, the chain intact, 1 and 2 never again); a cross-posted thread; {@code -f} with
 * {@code ---}; every target's problems listed before anything is sent; a scheduled thread listed as one group and
 * cancelled.
 */
class GroupsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEED_POST = "app.bsky.feed.post";
    private static final String PUT_RECORD = "com.atproto.repo.putRecord";

    @TempDir
    static Path dir;
    static World world;
    static MastodonSandbox mastodon;
    static BlueskySandbox bluesky;
    static String xAccount;
    static String mastodonAccount;
    static String blueskyAccount;
    static String blueskyDid;

    @BeforeAll
    static void start() throws Exception {
        mastodon = MastodonSandbox.start(dev.outpost.mastodonsandbox.SandboxConfig.builder().port(0).autoApprove(true)
                .build());
        bluesky = BlueskySandbox.start(dev.outpost.blueskysandbox.SandboxConfig.builder().port(0).build());
        world = World.start(World.newHome(dir))
                .with("OUTPOST_BLUESKY_PLC_URL", bluesky.baseUrl())
                .with("OUTPOST_BLUESKY_VIDEO_SERVICE_URL", bluesky.baseUrl())
                .with("OUTPOST_BLUESKY_WEB_URL", bluesky.baseUrl())
                .with("OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE", "false");
        xAccount = world.connect().json().get("id").asText();
        mastodonAccount = importMastodon();
        Map<String, String> alice = bluesky.createAccount("alice.test", "alice-password");
        blueskyDid = alice.get("did");
        blueskyAccount = Launcher.runWithInput(world.env(), alice.get("appPassword") + "\n", "accounts", "add",
                "bluesky", "--method", "app-password", "--handle", "alice.test", "--service", bluesky.baseUrl(),
                "--app-password", "-", "--json").expectExit(0).json().get("id").asText();
    }

    private static String importMastodon() throws InterruptedException {
        return Launcher.runWithInput(world.env(), mastodon.issueToken() + "\n", "accounts", "import", "mastodon",
                "--server", mastodon.baseUrl(), "--access-token", "-", "--json").expectExit(0).json().get("id")
                .asText();
    }

    @AfterEach
    void clearFaults() {
        world.x.faults().clear();
        mastodon.faults().clear();
        bluesky.faults().clear();
    }

    @AfterAll
    static void stop() {
        world.close();
        mastodon.close();
        bluesky.close();
    }

    @Test
    void aCrossPostToEveryPlatformIsPublishedOnceOnEach() throws Exception {
        Path image = TestMedia.png(dir, "everywhere.png", 120, 90, 31);
        Launcher.Run run = Launcher.run(world.env(), "post", "Hello from every platform", "--media", image.toString(),
                "--alt", "Noise, everywhere", "--account", xAccount, "--account", mastodonAccount, "--account",
                "@alice.test", "--text-for", "@alice.test=Hello, Bluesky", "--json").expectExit(0);

        JsonNode group = run.json();
        assertThat(group.get("kind").asText()).isEqualTo("crosspost");
        assertThat(group.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(group.get("targets")).extracting(t -> t.get("account").asText())
                .containsExactly(xAccount, mastodonAccount, blueskyAccount);
        assertThat(group.get("targets")).allSatisfy(t -> {
            assertThat(t.get("state").asText()).isEqualTo("PUBLISHED");
            assertThat(t.get("url").asText()).startsWith("http");
            assertThat(t.get("problem").isNull()).isTrue();
        });

        List<Post> onX = world.x.posts().stream().filter(p -> p.submittedText().equals("Hello from every platform"))
                .toList();
        assertThat(onX).hasSize(1);
        assertThat(onX.get(0).mediaIds()).hasSize(1);
        assertThat(target(group, xAccount).get("postId").asText()).isEqualTo(onX.get(0).id());
        List<SandboxStatus> onMastodon = statusesWithText("Hello from every platform");
        assertThat(onMastodon).hasSize(1);
        assertThat(onMastodon.get(0).mediaIds()).hasSize(1);
        assertThat(target(group, mastodonAccount).get("url").asText()).endsWith("/" + onMastodon.get(0).id());
        List<JsonNode> onBluesky = blueskyPosts("Hello, Bluesky");
        assertThat(onBluesky).hasSize(1);
        assertThat(onBluesky.get(0).at("/value/embed/images/0/alt").asText()).isEqualTo("Noise, everywhere");
        assertThat(blueskyPosts("Hello from every platform")).isEmpty();
        // Progress named each target on standard error.
        assertThat(run.stderr()).contains("→ @outpost_sandbox (X)", "→ @alice.test (Bluesky)");
    }

    @Test
    void oneTargetRateLimitedFailsAloneAndResumingTheGroupPublishesItWithoutRepeatingTheOthers() throws Exception {
        // Bluesky answers every write with 429 for the next hour: that target is refused, the others publish.
        bluesky.faults().rateLimit(PUT_RECORD, 1000, Instant.now().plusSeconds(3600));
        Launcher.Run run = Launcher.run(world.env(), "post", "Rate limits stop one target only", "--account",
                xAccount, "--account", mastodonAccount, "--account", blueskyAccount, "--json");

        run.expectExit(4);
        JsonNode group = run.json();
        assertThat(group.get("state").asText()).isEqualTo("SOME_FAILED");
        assertThat(target(group, xAccount).get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(target(group, mastodonAccount).get("state").asText()).isEqualTo("PUBLISHED");
        JsonNode refused = target(group, blueskyAccount);
        assertThat(refused.get("state").asText()).isEqualTo("FAILED");
        assertThat(refused.get("platform").asText()).isEqualTo("Bluesky");
        assertThat(refused.get("problem").asText()).containsIgnoringCase("rate-limited");
        assertThat(refused.get("url").isNull()).isTrue();
        assertThat(run.stderr()).contains("2 of 3 targets published", "outpost publications resume "
                + group.get("group").asText());
        assertThat(blueskyPosts("Rate limits stop one target only")).isEmpty();

        bluesky.faults().clear();
        Launcher.Run resumed = Launcher.run(world.env(), "publications", "resume", group.get("group").asText(),
                "--json").expectExit(0);
        assertThat(resumed.json().get("targets")).allSatisfy(t -> assertThat(t.get("state").asText())
                .isEqualTo("PUBLISHED"));
        assertThat(blueskyPosts("Rate limits stop one target only")).hasSize(1);
        assertThat(world.x.posts()).filteredOn(p -> p.submittedText().equals("Rate limits stop one target only"))
                .hasSize(1);
        assertThat(statusesWithText("Rate limits stop one target only")).hasSize(1);
    }

    @Test
    void targetsFailingForDifferentReasonsExitWithOneAndAreEachNamed() throws Exception {
        String token = mastodon.issueToken();
        String account = Launcher.runWithInput(world.env(), token + "\n", "accounts", "import", "mastodon",
                "--server", mastodon.baseUrl(), "--access-token", "-", "--json").expectExit(0).json().get("id")
                .asText();
        try {
            mastodon.revoke(token);
            bluesky.faults().rateLimit(PUT_RECORD, 1000, Instant.now().plusSeconds(3600));
            Launcher.Run run = Launcher.run(world.env(), "post", "Two ways to fail", "--account", xAccount,
                    "--account", account, "--account", blueskyAccount);

            run.expectExit(1);
            assertThat(run.stdout()).contains("@outpost_sandbox (X): https://x.com/i/web/status/",
                    "@alice.test (Bluesky): failed");
            assertThat(run.stdout()).containsPattern("@alice@[^ ]+ \\(Mastodon\\): failed");
            assertThat(statusesWithText("Two ways to fail")).isEmpty();
            assertThat(world.x.posts()).filteredOn(p -> p.submittedText().equals("Two ways to fail")).hasSize(1);
        } finally {
            // The other tests post with a live token.
            assertThat(importMastodon()).isEqualTo(mastodonAccount);
        }
    }

    @Test
    void aThreadKilledWhilePostThreeIsOutResumesAtPostThreeAndNeverSendsOneOrTwoAgain() throws Exception {
        Path file = dir.resolve("killed-thread.txt");
        Files.writeString(file, "Killed thread 1/5: it starts\n---\nKilled thread 2/5\n---\nKilled thread 3/5\n"
                + "---\nKilled thread 4/5\n---\nKilled thread 5/5: the end\n");
        // Post 3 is created, then its answer is held back: the process is killed before it hears of it.
        world.x.faults().add(new FaultRule(Endpoint.TWEETS_CREATE, 3, 1,
                new FaultAction.DelayResponse(Duration.ofMinutes(3))));
        Launcher.Started thread = Launcher.start(world.env(), null, "thread", "--account", xAccount, "-f",
                file.toString());
        thread.awaitStderrLine(line -> line.contains("post 3/5 → @outpost_sandbox (X)"), Duration.ofSeconds(60));
        awaitXPost("Killed thread 3/5", Duration.ofSeconds(30));
        thread.kill();
        world.x.faults().clear();
        assertThat(thread.stderrSoFar()).contains("post 1/5 → @outpost_sandbox (X)", "post 2/5 → @outpost_sandbox (X)")
                .doesNotContain("post 4/5 →");

        JsonNode listed = Launcher.run(world.env(), "publications", "list", "--json").expectExit(0).json();
        JsonNode entry = StreamSupport.stream(listed.spliterator(), false)
                .filter(e -> e.has("group") && e.get("text").asText().startsWith("Killed thread 1/5")).findFirst()
                .orElseThrow(() -> new AssertionError("no group listed: " + listed));
        String group = entry.get("group").asText();
        assertThat(entry.get("kind").asText()).isEqualTo("thread");
        assertThat(entry.get("items").asInt()).isEqualTo(5);
        JsonNode shown = Launcher.run(world.env(), "publications", "show", group.substring(0, 8), "--json")
                .expectExit(0).json();
        assertThat(shown.at("/targets/0/posts")).extracting(p -> p.get("state").asText())
                .startsWith("PUBLISHED", "PUBLISHED").endsWith("QUEUED", "QUEUED");

        Launcher.Run resumed = Launcher.run(world.env(), "publications", "resume", group).expectExit(0);
        assertThat(resumed.stderr()).contains("post 3/5 → @outpost_sandbox (X)", "post 5/5 → @outpost_sandbox (X)")
                .doesNotContain("post 1/5 →", "post 2/5 →");
        assertThat(resumed.stdout()).contains("@outpost_sandbox (X) post 5/5: https://x.com/i/web/status/");

        List<Post> chain = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String prefix = "Killed thread " + i + "/5";
            List<Post> found = world.x.posts().stream().filter(p -> p.submittedText().startsWith(prefix)).toList();
            assertThat(found).as("posts of item %d", i).hasSize(1);
            chain.add(found.get(0));
        }
        assertThat(chain.get(0).inReplyToTweetId()).isNull();
        for (int i = 1; i < 5; i++) {
            assertThat(chain.get(i).inReplyToTweetId()).as("post %d replies to post %d", i + 1, i)
                    .isEqualTo(chain.get(i - 1).id());
        }
    }

    @Test
    void aCrossPostedThreadMakesOneChainPerPlatform() throws Exception {
        Path image = TestMedia.jpeg(dir, "second.jpg", 200, 150, 32);
        Launcher.Run run = Launcher.run(world.env(), "thread", "--account", xAccount, "--account", mastodonAccount,
                "--account", blueskyAccount, "--item", "Chained everywhere, one", "--item", "Chained everywhere, two",
                "--media", image.toString(), "--alt", "the second post's picture", "--item",
                "Chained everywhere, three", "--json").expectExit(0);

        JsonNode group = run.json();
        assertThat(group.get("kind").asText()).isEqualTo("crosspost-thread");
        assertThat(group.get("targets")).hasSize(3).allSatisfy(t -> assertThat(t.get("posts"))
                .extracting(p -> p.get("state").asText()).containsExactly("PUBLISHED", "PUBLISHED", "PUBLISHED"));
        assertThat(run.stderr()).contains("post 2/3 → @alice.test (Bluesky)", "post 3/3 → @outpost_sandbox (X)");

        List<Post> onX = new ArrayList<>();
        List<SandboxStatus> onMastodon = new ArrayList<>();
        List<JsonNode> onBluesky = new ArrayList<>();
        for (String n : List.of("one", "two", "three")) {
            String text = "Chained everywhere, " + n;
            List<Post> x = world.x.posts().stream().filter(p -> p.submittedText().equals(text)).toList();
            assertThat(x).hasSize(1);
            onX.add(x.get(0));
            List<SandboxStatus> m = statusesWithText(text);
            assertThat(m).hasSize(1);
            onMastodon.add(m.get(0));
            List<JsonNode> b = blueskyPosts(text);
            assertThat(b).hasSize(1);
            onBluesky.add(b.get(0));
        }
        assertThat(onX.get(1).mediaIds()).hasSize(1);
        assertThat(onX.get(0).mediaIds()).isEmpty();
        assertThat(onX.get(1).inReplyToTweetId()).isEqualTo(onX.get(0).id());
        assertThat(onX.get(2).inReplyToTweetId()).isEqualTo(onX.get(1).id());
        assertThat(onMastodon.get(0).inReplyToId()).isNull();
        assertThat(onMastodon.get(1).inReplyToId()).isEqualTo(onMastodon.get(0).id());
        assertThat(onMastodon.get(2).inReplyToId()).isEqualTo(onMastodon.get(1).id());
        assertThat(onMastodon.get(1).mediaIds()).hasSize(1);
        String root = onBluesky.get(0).get("uri").asText();
        assertThat(onBluesky.get(0).at("/value/reply").isMissingNode()).isTrue();
        assertThat(onBluesky.get(1).at("/value/reply/root/uri").asText()).isEqualTo(root);
        assertThat(onBluesky.get(1).at("/value/reply/parent/uri").asText()).isEqualTo(root);
        assertThat(onBluesky.get(2).at("/value/reply/root/uri").asText()).isEqualTo(root);
        assertThat(onBluesky.get(2).at("/value/reply/parent/uri").asText())
                .isEqualTo(onBluesky.get(1).get("uri").asText());
        assertThat(onBluesky.get(1).at("/value/embed/images/0/alt").asText()).isEqualTo("the second post's picture");
    }

    @Test
    void aThreadFromAFileIsSplitAtTheDashLines() throws Exception {
        Path file = dir.resolve("thread.txt");
        Files.writeString(file, "From a file, first\nwith a second line\n---\n\nFrom a file, second -- with --- dashes"
                + "\n---\n");
        Launcher.Run run = Launcher.run(world.env(), "thread", "--account", mastodonAccount, "-f", file.toString())
                .expectExit(0);
        assertThat(statusesWithText("From a file, first\nwith a second line")).hasSize(1);
        List<SandboxStatus> second = statusesWithText("From a file, second -- with --- dashes");
        assertThat(second).hasSize(1);
        assertThat(second.get(0).inReplyToId())
                .isEqualTo(statusesWithText("From a file, first\nwith a second line").get(0).id());
        assertThat(run.stdout().strip().split("\n")).hasSize(2);

        Path empty = dir.resolve("empty-post.txt");
        Files.writeString(empty, "one\n---\n   \n---\nthree\n");
        Launcher.Run refused = Launcher.run(world.env(), "thread", "--account", mastodonAccount, "-f",
                empty.toString()).expectExit(2);
        assertThat(refused.stderr()).contains("empty-post.txt: post 2 of 3 has no text");
        assertThat(statusesWithText("one")).isEmpty();
    }

    @Test
    void everyTargetsProblemsAreListedBeforeAnythingIsSent() throws Exception {
        int xBefore = world.x.posts().size();
        int mastodonBefore = mastodon.statuses().size();
        int blueskyBefore = bluesky.recordCount(blueskyDid, FEED_POST);
        String tooLong = "A thread post far too long for some. ".repeat(9);
        Launcher.Run refused = Launcher.run(world.env(), "thread", "--account", xAccount, "--account",
                mastodonAccount, "--account", blueskyAccount, "--item", "Fine everywhere", "--item", tooLong,
                "--media", dir.resolve("missing.png").toString(), "--json").expectExit(2);

        JsonNode error = refused.json().get("error");
        assertThat(error.get("kind").asText()).isEqualTo("INVALID_INPUT");
        List<String> messages = StreamSupport.stream(error.get("problems").spliterator(), false)
                .map(p -> p.get("field").asText() + " " + p.get("message").asText()).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("targets[" + xAccount + "].items[1]")
                .contains("X @outpost_sandbox, post 2"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("targets[" + blueskyAccount + "].items[1]")
                .contains("Bluesky @alice.test, post 2"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("missing.png"));
        assertThat(String.join("\n", messages)).doesNotContain("post 1:");
        assertThat(refused.stderr()).contains("X @outpost_sandbox, post 2", "Bluesky @alice.test, post 2")
                .doesNotContain("targets[");
        assertThat(world.x.posts()).hasSize(xBefore);
        assertThat(mastodon.statuses()).hasSize(mastodonBefore);
        assertThat(bluesky.recordCount(blueskyDid, FEED_POST)).isEqualTo(blueskyBefore);

        Launcher.Run unknown = Launcher.run(world.env(), "post", "Nobody", "--account", "@nobody", "--account",
                xAccount, "--account", "@nobody.else").expectExit(2);
        assertThat(unknown.stderr()).contains("2 problems", "nobody'", "nobody.else'");
    }

    @Test
    void aScheduledThreadIsOneEntryOfTheListAndCancellingTheGroupCancelsEveryPost() throws Exception {
        JsonNode scheduled = Launcher.run(world.env(), "thread", "--account", xAccount, "--account", blueskyAccount,
                "--item", "Scheduled thread, first", "--item", "Scheduled thread, second", "--at", "+2h", "--json")
                .expectExit(0).json();
        String group = scheduled.get("group").asText();
        assertThat(scheduled.get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("scheduledAt").isNull()).isFalse();

        Launcher.Run listed = Launcher.run(world.env(), "publications", "list", "--state", "queued").expectExit(0);
        assertThat(listed.stdout().lines().filter(l -> l.contains("Scheduled thread"))).hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith(group).contains("thread of 2 posts to 2 accounts"));

        JsonNode cancelled = Launcher.run(world.env(), "publications", "cancel", group, "--json").expectExit(0)
                .json();
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("targets")).allSatisfy(t -> assertThat(t.get("posts"))
                .extracting(p -> p.get("state").asText()).containsOnly("CANCELLED"));
        assertThat(world.x.posts()).noneMatch(p -> p.submittedText().startsWith("Scheduled thread"));
    }

    private static JsonNode target(JsonNode group, String account) {
        return StreamSupport.stream(group.get("targets").spliterator(), false)
                .filter(t -> t.get("account").asText().equals(account)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + account + " in " + group));
    }

    private static List<SandboxStatus> statusesWithText(String text) {
        return mastodon.statuses().stream().filter(s -> s.text().equals(text)).toList();
    }

    /** The account's posts with this text, read back over XRPC as any client would. */
    private static List<JsonNode> blueskyPosts(String text) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                bluesky.baseUrl() + "/xrpc/com.atproto.repo.listRecords?repo=" + URLEncoder.encode(blueskyDid,
                        StandardCharsets.UTF_8) + "&collection=" + FEED_POST)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(answer.body()).get("records").spliterator(), false)
                .filter(r -> r.at("/value/text").asText().equals(text)).toList();
    }

    private static void awaitXPost(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (world.x.posts().stream().anyMatch(p -> p.submittedText().startsWith(prefix))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no post '" + prefix + "' within " + timeout);
    }
}
