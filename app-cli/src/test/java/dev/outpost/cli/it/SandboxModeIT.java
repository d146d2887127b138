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
