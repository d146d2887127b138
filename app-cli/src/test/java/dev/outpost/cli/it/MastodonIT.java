package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxConfig;
import dev.outpost.mastodonsandbox.SandboxMedia;
import dev.outpost.mastodonsandbox.SandboxStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher against a Mastodon server (the sandbox, over loopback HTTP), with no X app configured: connect by
 * importing a hand-made token, post with an image, its alt text and a visibility, read it back from the server; a
 * token the user revoked ends in the exit code that asks for a reconnect.
 */
class MastodonIT {
    @TempDir
    Path dir;

    private MastodonSandbox server;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        server = MastodonSandbox.start(SandboxConfig.builder().port(0).autoApprove(true).build());
        env = new HashMap<>();
        env.put("OUTPOST_HOME", dir.resolve("home").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void importedAccountPostsAnImageWithAltTextUnlistedAndARevokedTokenAsksForAReconnect() throws Exception {
        String token = server.issueToken();
        JsonNode account = Launcher.runWithInput(env, token + "\n", "accounts", "import", "mastodon", "--server",
                server.baseUrl(), "--access-token", "-", "--json").expectExit(0).json();
        assertThat(account.get("handle").asText()).startsWith("alice@");
        String accountId = account.get("id").asText();
        // The server's limits are read as the account is connected, and kept for the posts (each a new process).
        assertThat(server.requestsTo(dev.outpost.mastodonsandbox.Endpoint.INSTANCE)).hasSize(1);

        Path image = TestMedia.png(dir, "square.png", 64, 48, 7);
        Launcher.Run posted = Launcher.run(env, "post", "Hello from the launcher", "--media", image.toString(),
                "--alt", "A square of noise", "--focus", "0.5,-0.25", "--visibility", "unlisted", "--language", "en", "--account", accountId,
                "--json").expectExit(0);

        assertThat(server.statuses()).hasSize(1);
        SandboxStatus status = server.statuses().get(0);
        assertThat(status.text()).isEqualTo("Hello from the launcher");
        assertThat(status.visibility()).isEqualTo("unlisted");
        assertThat(status.language()).isEqualTo("en");
        assertThat(status.mediaIds()).hasSize(1);
        SandboxMedia media = server.media().stream().filter(m -> m.id().equals(status.mediaIds().get(0)))
                .findFirst().orElseThrow();
        assertThat(media.description()).isEqualTo("A square of noise");
        assertThat(media.focus()).isEqualTo("0.5,-0.25");
        assertThat(media.type()).isEqualTo("image");
        assertThat(posted.stdout()).contains("/@alice/" + status.id());
        assertThat(server.requestsTo(dev.outpost.mastodonsandbox.Endpoint.INSTANCE)).as("not asked again").hasSize(1);

        server.revoke(token);
        Launcher.Run refused = Launcher.run(env, "post", "After the revocation", "--account", accountId)
                .expectExit(3);
        assertThat(refused.stderr()).contains("401", "connect it again");
        assertThat(server.statuses()).hasSize(1);
    }

    @Test
    void anOptionTheAccountsPlatformDoesNotTakeIsRefusedBeforeAnythingIsSent() throws Exception {
        Launcher.runWithInput(env, server.issueToken() + "\n", "accounts", "import", "mastodon", "--server",
                server.baseUrl(), "--access-token", "-").expectExit(0);
        Launcher.Run refused = Launcher.run(env, "post", "Hi", "--visibility", "sideways").expectExit(2);
        assertThat(refused.stderr()).contains("visibility", "public, unlisted, private, direct", "sideways");
        assertThat(server.statuses()).isEmpty();
    }

    @Test
    void aContentWarningCountsWithTheTextAndOverTheServersLimitNothingIsSent() throws Exception {
        Launcher.runWithInput(env, server.issueToken() + "\n", "accounts", "import", "mastodon", "--server",
                server.baseUrl(), "--access-token", "-").expectExit(0);
        String text = "t".repeat(480);

        Launcher.Run refused = Launcher.run(env, "post", text, "--content-warning", "w".repeat(30)).expectExit(2);

        assertThat(refused.stderr()).contains("text", "the text and the content warning count 510 characters",
                "limit of 500");
        assertThat(server.statuses()).isEmpty();
        assertThat(server.requestsTo(dev.outpost.mastodonsandbox.Endpoint.STATUS_CREATE)).isEmpty();
        Launcher.run(env, "post", text, "--content-warning", "w".repeat(20)).expectExit(0);
        assertThat(server.statuses()).singleElement().satisfies(s -> assertThat(s.spoilerText())
                .isEqualTo("w".repeat(20)));
    }

    @Test
    void aFocalPointIsCheckedBeforeAnythingIsSentAndKeptWithAScheduledPost() throws Exception {
        Launcher.runWithInput(env, server.issueToken() + "\n", "accounts", "import", "mastodon", "--server",
                server.baseUrl(), "--access-token", "-").expectExit(0);
        Path image = TestMedia.png(dir, "focus.png", 32, 32, 3);

        Launcher.Run refused = Launcher.run(env, "post", "Off the edge", "--media", image.toString(), "--focus",
                "1.5,0").expectExit(2);
        assertThat(refused.stderr()).contains("media[0].focus", "from -1 to 1", "1.5,0");
        assertThat(server.requests()).noneMatch(r -> r.endpoint() == dev.outpost.mastodonsandbox.Endpoint.MEDIA_CREATE);

        JsonNode scheduled = Launcher.run(env, "post", "Later", "--media", image.toString(), "--alt", "Dots",
                "--focus", "-0.5,0.75", "--at", "+2h", "--json").expectExit(0).json();
        JsonNode shown = Launcher.run(env, "publications", "show", scheduled.get("id").asText(), "--json")
                .expectExit(0).json();
        assertThat(shown.at("/media/0/focus").asText()).isEqualTo("-0.5,0.75");
        assertThat(shown.at("/media/0/alt").asText()).isEqualTo("Dots");
    }
}
