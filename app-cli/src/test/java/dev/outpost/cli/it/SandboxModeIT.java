package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost sandbox} and {@code --sandbox}: Outpost with no X account at all. */
class SandboxModeIT {
    @TempDir
    Path home;

    @Test
    void sandboxModeConnectsItsOwnAccountInADirectoryOfItsOwn() throws Exception {
        // No X app configured: --sandbox needs none.
        Map<String, String> env = Map.of("OUTPOST_HOME", home.toString());
        Launcher.Run added = Launcher.run(env, "--sandbox", "accounts", "add", "x", "--port", "0", "--json")
                .expectExit(0);
        assertThat(added.json().get("handle").asText()).isEqualTo("outpost_sandbox");
        assertThat(added.stderr()).contains("Open this address", "/i/oauth2/authorize?");
        assertThat(home.resolve("sandbox")).isDirectory();
        assertThat(Files.list(home).map(p -> p.getFileName().toString())).containsExactly("sandbox");

        Launcher.Run real = Launcher.run(env, "accounts", "add", "x", "--no-browser").expectExit(2);
        assertThat(real.stderr()).contains("OUTPOST_X_CLIENT_ID");
    }

    @Test
    void sandboxModeOffersABlueskyAccountBesideXAndMastodon() throws Exception {
        Map<String, String> env = Map.of("OUTPOST_HOME", home.toString());
        Path first = TestMedia.png(home, "first.png", 40, 30, 3);
        Path second = TestMedia.jpeg(home, "second.jpg", 30, 40, 4);
        Launcher.Run images = Launcher.run(env, "--sandbox", "post", "Two pictures on #Bluesky https://example.com",
                "--media", first.toString(), "--alt", "A wide square", "--media", second.toString(), "--alt",
                "A tall one", "--account", "bluesky", "--json").expectExit(0);
        assertThat(images.stderr()).contains("Bluesky is emulated at", "--account bluesky", "@alice.test");
        JsonNode posted = images.json();
        assertThat(posted.get("state").asText()).isEqualTo("PUBLISHED");
        assertThat(posted.get("account").asText()).startsWith("bluesky:did:plc:");
        assertThat(posted.get("url").asText()).matches("http://127\\.0\\.0\\.1:\\d+/profile/alice\\.test/post/"
                + "[a-z2-7]{13}");

        Path clip = TestMedia.mp4(home, "clip.mp4", 256 * 1024, 5);
        Launcher.Run video = Launcher.run(env, "--sandbox", "post", "A clip", "--media", clip.toString(), "--alt",
                "Noise", "--account", "alice.test").expectExit(0);
        assertThat(video.lastLine()).contains("/profile/alice.test/post/");

        // Each run's Bluesky server is new (another port): the earlier runs' accounts are forgotten.
        JsonNode accounts = Launcher.run(env, "--sandbox", "accounts", "list", "--json").expectExit(0).json();
        assertThat(accounts).extracting(a -> a.get("id").asText().split(":")[0])
                .containsExactlyInAnyOrder("x", "mastodon", "bluesky");
    }

    @Test
    void theSandboxCommandServesTheApiUntilStopped() throws Exception {
        Launcher.Started sandbox = Launcher.start(Map.of("OUTPOST_HOME", home.toString()), null, "sandbox",
                "--port", "0", "--json");
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode settings = null;
            while (settings == null && System.nanoTime() < end) {
                String out = Files.readString(stdoutOf(sandbox));
                if (out.contains("\n")) {
                    settings = new ObjectMapper().readTree(out);
                }
                Thread.sleep(50);
            }
            assertThat(settings).as("the sandbox's settings on standard output").isNotNull();
            String url = settings.get("OUTPOST_X_API_URL").asText();
            assertThat(settings.get("OUTPOST_X_CLIENT_ID").asText()).isEqualTo("outpost-sandbox-client");
            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/__sandbox/state")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.body()).contains("\"posts\"");
        } finally {
            sandbox.kill();
        }
    }

    private static Path stdoutOf(Launcher.Started started) {
        return started.stdoutFile();
    }
}
