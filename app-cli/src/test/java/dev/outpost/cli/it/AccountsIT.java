package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Connecting accounts, with the launcher as a separate process against the X sandbox over loopback HTTP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsIT {
    @TempDir
    static Path dir;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        world = World.start(World.newHome(dir));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    @Order(1)
    void theWholeAuthorizationDanceFinishesByItselfWhenTheBrowserComesBack() throws Exception {
        Launcher.Started add = Launcher.start(world.env(), null, "accounts", "add", "x", "--no-browser", "--port",
                Integer.toString(world.callbackPort), "--json");
        String line = add.awaitStderrLine(l -> l.strip().startsWith("http"), Duration.ofSeconds(60));
        URI address = URI.create(line.strip());
        assertThat(address.getPath()).isEqualTo("/i/oauth2/authorize");
        assertThat(address.getQuery()).contains("client_id=" + World.CLIENT_ID, "code_challenge_method=S256",
                "redirect_uri=http://127.0.0.1:" + world.callbackPort + "/callback");

        // The test plays the browser: the sandbox's consent page approves and redirects to the CLI's callback.
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().toString()).startsWith("http://127.0.0.1:" + world.callbackPort + "/callback?");
        assertThat(page.body()).contains("Outpost may now post as @outpost_sandbox");

        Launcher.Run run = add.finish(Duration.ofSeconds(30)).expectExit(0);
        JsonNode account = run.json();
        assertThat(account.get("id").asText()).isEqualTo("x:" + world.x.defaultUser().id());
        assertThat(account.get("handle").asText()).isEqualTo("outpost_sandbox");
        assertThat(account.get("status").asText()).isEqualTo("connected");
        assertThat(world.x.state().tokenEvents()).isNotEmpty();
    }

    @Test
    @Order(2)
    void theConnectedAccountIsListed() throws Exception {
        Launcher.Run json = Launcher.run(world.env(), "accounts", "list", "--json").expectExit(0);
        assertThat(json.json()).hasSize(1);
        assertThat(json.json().get(0).get("handle").asText()).isEqualTo("outpost_sandbox");
        Launcher.Run text = Launcher.run(world.env(), "accounts", "list").expectExit(0);
        assertThat(text.stdout()).contains("@outpost_sandbox", "x:" + world.x.defaultUser().id(), "connected");
    }

    @Test
    @Order(3)
    void removingRevokesAndForgets() throws Exception {
        int revokesBefore = world.x.state().requestsTo(dev.outpost.xsandbox.Endpoint.REVOKE).size();
        Launcher.run(world.env(), "accounts", "remove", "@outpost_sandbox").expectExit(0);
        assertThat(world.x.state().requestsTo(dev.outpost.xsandbox.Endpoint.REVOKE).size()).isGreaterThan(revokesBefore);
        assertThat(Launcher.run(world.env(), "accounts", "list", "--json").expectExit(0).json()).isEmpty();
    }

    @Test
    @Order(4)
    void postingWithoutAnyAccountAsksToConnectOneExitThree() throws Exception {
        Launcher.Run run = Launcher.run(world.env(), "post", "hello").expectExit(3);
        assertThat(run.stderr().strip()).isEqualTo("outpost: no account is connected yet; connect one with"
                + " `outpost accounts add PLATFORM` (x, bluesky, mastodon) (or try it all with --sandbox)");
    }

    @Test
    @Order(4)
    void removingAnUnknownAccountIsBadInput() throws Exception {
        Launcher.Run run = Launcher.run(world.env(), "accounts", "remove", "@nobody").expectExit(2);
        assertThat(run.stderr().strip()).isEqualTo("outpost: account: no connected account is called '@nobody';"
                + " connect one with `outpost accounts add PLATFORM` (x, bluesky, mastodon)");
    }

    @Test
    @Order(5)
    void importedTokensConnectTheAccountTheyBelongTo() throws Exception {
        JsonNode account = world.connect().json();
        assertThat(account.get("handle").asText()).isEqualTo("outpost_sandbox");
        assertThat(Launcher.run(world.env(), "accounts", "list", "--json").expectExit(0).json()).hasSize(1);
    }

    @Test
    @Order(6)
    void tokensThePlatformRefusesAreBadInputNamingTheFieldExitTwo() throws Exception {
        // The plugin tells a token X refuses from a failure to ask X: the user typed a wrong value.
        Launcher.Run run = Launcher.run(world.env(), "accounts", "import", "x", "--access-token", "not-a-token",
                "--json").expectExit(2);
        assertThat(run.json().get("error").get("kind").asText()).isEqualTo("INVALID_INPUT");
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).startsWith("outpost: credentials: access-token: X does not accept this access token")
                .doesNotContain("not-a-token");
    }

    @Test
    @Order(6)
    void importFieldsAreTheOnesThePluginDeclaresAndAFieldItLacksIsNamed() throws Exception {
        JsonNode fields = Launcher.run(world.env(), "accounts", "import", "x", "--list-fields", "--json")
                .expectExit(0).json();
        assertThat(fields).extracting(f -> f.get("key").asText()).contains("access-token", "refresh-token");
        Launcher.Run run = Launcher.run(world.env(), "accounts", "import", "x", "--acess-token", "t").expectExit(2);
        assertThat(run.stderr().strip()).startsWith("outpost: --acess-token: X's credential import takes no field"
                + " 'acess-token'; it takes --access-token, --refresh-token");
    }

    @Test
    @Order(6)
    void aRequiredSecretNobodyGaveIsAskedForByItsOptionOrVariable() throws Exception {
        Launcher.Run run = Launcher.run(world.env(), "accounts", "import", "x").expectExit(2);
        assertThat(run.stderr().strip()).isEqualTo("outpost: --access-token: Access token is required: give"
                + " --access-token VALUE (- reads it from standard input) or set OUTPOST_X_ACCESS_TOKEN");
    }

    @Test
    @Order(6)
    void theBrowserSignInTakesNoFieldsAndSaysSo() throws Exception {
        JsonNode methods = Launcher.run(world.env(), "accounts", "add", "x", "--list-methods", "--json")
                .expectExit(0).json();
        assertThat(methods.get(0).get("redirect").asBoolean()).isTrue();
        Launcher.Run run = Launcher.run(world.env(), "accounts", "add", "x", "--handle", "ada").expectExit(2);
        assertThat(run.stderr().strip()).endsWith("takes no field 'handle'; it takes none");
    }

    @Test
    @Order(7)
    void withoutAClientIdTheMessageSaysHowToRegisterAnApp() throws Exception {
        Map<String, String> env = world.env("OUTPOST_X_CLIENT_ID", "");
        // Other platforms keep working without X's app: the refusal comes when X is used.
        Launcher.run(env, "accounts", "list").expectExit(0);
        Launcher.Run run = Launcher.run(env, "accounts", "add", "x", "--no-browser").expectExit(2);
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stderr()).contains("OUTPOST_X_CLIENT_ID", "https://developer.x.com",
                "http://127.0.0.1:8765/callback", "--sandbox");
    }
}
