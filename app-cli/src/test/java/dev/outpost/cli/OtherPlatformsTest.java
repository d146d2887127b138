package dev.outpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Terminal;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.BlueskyShapedPlatform;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.FakePlatforms;
import dev.outpost.ports.platform.fake.FakePost;
import dev.outpost.ports.platform.fake.MastodonShapedPlatform;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.memory.InMemoryStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with platforms that are not X: the fake plugins of the three shapes (X-, Mastodon- and
 * Bluesky-shaped) over in-memory stores, in this process. Sign-in is rendered from what each plugin declares (a form
 * that connects at once, a browser sign-in that first asks for a server), posts carry per-platform options, and
 * nothing in the command line knows which platform it talks to.
 */
class OtherPlatformsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final FakeClock clock = FakeClock.standard();
    private final List<FakePlatform> fakes = FakePlatforms.all(clock);
    private final MastodonShapedPlatform mastodon = (MastodonShapedPlatform) fakes.get(1);
    private final BlueskyShapedPlatform bluesky = (BlueskyShapedPlatform) fakes.get(2);
    private final InMemoryStores stores = new InMemoryStores(clock);
    private final Map<String, String> variables = new HashMap<>(Map.of("OUTPOST_STORAGE", "memory"));
    private final List<String> asked = new ArrayList<>();
    private Terminal terminal = Terminal.NONE;

    /** What one run printed. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @Test
    void aFormSignInConnectsAtOnceWithItsSecretFromStandardInput() throws Exception {
        Run run = run(BlueskyShapedPlatform.DEFAULT_APP_PASSWORD + "\n", "accounts", "add", "fake-bluesky",
                "--handle", "alice.fake.test", "--app-password", "-", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("handle").asText()).isEqualTo("alice.fake.test");
        assertThat(run.json().get("id").asText()).startsWith("fake-bluesky:");
        assertThat(run.json().get("server").asText()).isEqualTo(BlueskyShapedPlatform.PDS.toString());
        assertThat(stores.accounts().list()).hasSize(1);
        assertThat(run.out() + run.err()).doesNotContain(BlueskyShapedPlatform.DEFAULT_APP_PASSWORD);
    }

    @Test
    void aSecretLeftOutComesFromItsVariableOrIsAskedForWithoutEcho() throws Exception {
        variables.put("OUTPOST_FAKEBLUESKY_APP_PASSWORD", BlueskyShapedPlatform.DEFAULT_APP_PASSWORD);
        Run fromVariable = run("", "accounts", "add", "fake-bluesky", "--field", "handle=alice.fake.test");
        assertThat(fromVariable.exit()).as(fromVariable.err()).isZero();
        assertThat(fromVariable.out()).startsWith("Connected @alice.fake.test (fake-bluesky:");

        variables.remove("OUTPOST_FAKEBLUESKY_APP_PASSWORD");
        terminal = (label, secret) -> {
            asked.add(label + (secret ? " (hidden)" : ""));
            return Optional.of(BlueskyShapedPlatform.DEFAULT_APP_PASSWORD);
        };
        Run prompted = run("", "accounts", "add", "fake-bluesky", "--handle=alice.fake.test");
        assertThat(prompted.exit()).as(prompted.err()).isZero();
        assertThat(asked).containsExactly("App password (hidden)");
    }

    @Test
    void withoutATerminalAMissingSecretSaysWhereToGiveIt() {
        Run run = run("", "accounts", "add", "fake-bluesky", "--handle", "alice.fake.test");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("outpost: --app-password: App password is required: give"
                + " --app-password VALUE (- reads it from standard input) or set OUTPOST_FAKEBLUESKY_APP_PASSWORD");
    }

    @Test
    void aWrongSecretIsTheFieldsFaultNotACrash() {
        Run run = run("wrong-password\n", "accounts", "add", "fake-bluesky", "--handle", "alice.fake.test",
                "--app-password", "-");
        assertThat(run.exit()).as(run.err()).isIn(2, 3, 4);
        assertThat(run.err()).startsWith("outpost: ").doesNotContain("wrong-password");
        assertThat(stores.accounts().list()).isEmpty();
    }

    @Test
    void theMethodsAndTheirFieldsAreListedAsThePluginDeclaresThem() throws Exception {
        Run run = run("", "accounts", "add", "fake-mastodon", "--list-methods");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Fake Mastodon offers:").contains("--method oauth", "(in a browser)",
                "--server VALUE  Server (required)");
        JsonNode json = run("", "accounts", "add", "fake-bluesky", "--list-methods", "--json").json();
        assertThat(json.get(0).get("redirect").asBoolean()).isFalse();
        assertThat(json.get(0).get("fields")).extracting(f -> f.get("key").asText() + "/" + f.get("secret"))
                .containsExactly("handle/false", "app-password/true");
    }

    @Test
    void aBrowserSignInTakesItsFieldsFirstThenFinishesAtTheLoopbackCallback() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Run> add = CompletableFuture.supplyAsync(() -> run("", err, "accounts", "add",
                "fake-mastodon", "--server", "social.fake.invalid", "--no-browser", "--port", "0", "--json"));
        String address = awaitLine(err, "https://social.fake.invalid/oauth/authorize?");
        URI callback = mastodon.approve(URI.create(address.strip()));
        assertThat(callback.toString()).startsWith("http://127.0.0.1:");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Outpost may now post as @alice");
        Run run = add.get(30, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("id").asText()).startsWith("fake-mastodon:social.fake.invalid:");
        assertThat(run.json().get("server").asText()).isEqualTo(MastodonShapedPlatform.DEFAULT_SERVER.toString());
    }

    @Test
    void withSeveralPlatformsTheHintsNameThemAll() {
        Run list = run("", "accounts", "list");
        assertThat(list.out().strip()).isEqualTo("No account is connected; connect one with `outpost accounts add"
                + " PLATFORM` (fake, fake-mastodon, fake-bluesky).");
        Run post = run("", "post", "hello");
        assertThat(post.exit()).isEqualTo(3);
        assertThat(post.err().strip()).isEqualTo("outpost: no account is connected yet; connect one with `outpost"
                + " accounts add PLATFORM` (fake, fake-mastodon, fake-bluesky) (or try it all with --sandbox)");
    }

    @Test
    void severalAccountsAskForOneWithTheOption() {
        connect(mastodon);
        connect(bluesky);
        Run post = run("", "post", "hello");
        assertThat(post.exit()).isEqualTo(2);
        assertThat(post.err()).contains("several accounts are connected").endsWith("; choose one with --account"
                + System.lineSeparator());
    }

    @Test
    void aPostCarriesThePlatformsOptionsAndUnknownOnesAreRefusedFirst() throws Exception {
        connect(mastodon);
        Run refused = run("", "post", "hello", "--option", "colour=red", "--option", "visibility=everyone");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("options.colour: Fake Mastodon", "has no option 'colour'",
                "options.visibility: ");
        assertThat(mastodon.posts()).isEmpty();

        Run first = run("", "post", "Behind a warning", "--option", "visibility=unlisted", "--option",
                "spoiler=a spoiler", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("Publishing to Fake Mastodon as @alice");
        FakePost post = mastodon.posts().get(0);
        assertThat(post.options()).containsEntry("visibility", "unlisted").containsEntry("spoiler", "a spoiler");
        JsonNode view = first.json();
        assertThat(view.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(view.get("platform").asText()).isEqualTo("Fake Mastodon");
        assertThat(view.get("options").get("visibility").asText()).isEqualTo("unlisted");
        assertThat(view.get("postId").asText()).isEqualTo(post.id());
        assertThat(view.get("url").asText()).isEqualTo(post.url().toString());

        // A reply names the post by the link the first run printed.
        Run reply = run("", "post", "A reply", "--reply-to", post.url().toString(), "--json");
        assertThat(reply.exit()).as(reply.err()).isZero();
        assertThat(mastodon.posts()).filteredOn(p -> p.text().equals("A reply")).singleElement()
                .satisfies(p -> assertThat(p.inReplyTo()).isEqualTo(post.id()));
        assertThat(reply.json().get("replyTo").asText()).isEqualTo(post.url().toString());

        Run shown = run("", "publications", "show", view.get("id").asText());
        assertThat(shown.out()).contains("on Fake Mastodon", "option     spoiler = a spoiler",
                "option     visibility = unlisted", "post       " + post.id() + " " + post.url());
    }

    @Test
    void uploadGoesThroughTheAccountsPlatform() throws Exception {
        connect(bluesky);
        Path image = TestMedia.png(home, "dot.png", 8, 8).path();
        Run run = run("", "upload", image.toString(), "--alt", "a dot", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("mediaId").asText()).isNotBlank();
        assertThat(run.json().get("account").asText()).startsWith("fake-bluesky:");
        assertThat(run.err()).contains("dot.png: ready");
    }

    private void connect(FakePlatform platform) {
        AccountAccess access = platform.access();
        stores.tokens().put(access.account().id(), access.credentials());
        stores.accounts().save(access.account());
    }

    private Run run(String stdin, String... args) {
        return run(stdin, new ByteArrayOutputStream(), args);
    }

    private Run run(String stdin, ByteArrayOutputStream err, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(variables);
        env.put("OUTPOST_HOME", home.toString());
        Environment environment = new Environment(env, home, new ByteArrayInputStream(
                stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, clock, ZoneOffset.UTC, terminal);
        Map<String, PlatformPlugin> plugins = new LinkedHashMap<>();
        FakePlatforms.plugins(fakes).forEach(plugin -> plugins.put(plugin.id(), plugin));
        int exit = OutpostCli.run(args, environment, plugins, Map.of("memory", new Memory()));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String awaitLine(ByteArrayOutputStream err, String start) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith(start)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line starting with " + start + " in: " + err.toString(StandardCharsets.UTF_8));
    }

    /** The in-memory stores as a storage plugin: every run of a test opens the same ones. */
    private final class Memory implements StoragePlugin {
        @Override
        public String id() {
            return "memory";
        }

        @Override
        public Stores open(StorageConfig config) {
            return stores;
        }
    }
}
