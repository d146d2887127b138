package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.mastodonsandbox.Endpoint;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxUser;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.AuthorizerContract;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authorizer contract against the sandbox over HTTP, plus what is Mastodon's own. */
class MastodonAuthorizerSandboxTest extends AuthorizerContract {
    private final Sandbox sandbox = new Sandbox();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Override
    protected Authorizer createAuthorizer() {
        return new MastodonPlatformPlugin().authorizer(sandbox.context());
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return Sandbox.CAPABILITIES;
    }

    @Override
    protected URI redirectUri() {
        return sandbox.redirectUri();
    }

    @Override
    protected URI consent(URI authorizationUrl) {
        return Sandbox.consent(authorizationUrl);
    }

    @Override
    protected Map<String, String> fieldsFor(SignInMethod method) {
        return Map.of("server", sandbox.serverField());
    }

    @Override
    protected Optional<Map<String, String>> wrongFieldsFor(SignInMethod method) {
        return Optional.of(Map.of("server", "http://not a server"));
    }

    @Override
    protected RemoteUser whoIs(AccountAccess access) {
        return sandbox.whoIs(access);
    }

    @Override
    protected Instant now() {
        return sandbox.clock.instant();
    }

    @Override
    protected String platformId() {
        return "mastodon";
    }

    @Test
    void theClientIsRegisteredOncePerServerAndKeptWithItsSecretInTheVault() {
        connect(authorizer.signInMethods().get(0));
        connect(createAuthorizer().signInMethods().get(0));
        Connection third = connect(authorizer.signInMethods().get(0));

        assertThat(sandbox.mastodon.apps()).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("Outpost");
            assertThat(app.scopes()).containsExactly("write:media", "write:statuses", "read:accounts");
            assertThat(sandbox.vault.values.values()).singleElement().asString().contains(app.clientSecret());
        });
        assertThat(sandbox.mastodon.requestsTo(Endpoint.APPS)).hasSize(1);
        assertThat(sandbox.mastodon.requestsTo(Endpoint.DISCOVERY)).hasSize(3);
        assertThat(third.localId()).isEqualTo(ServerAddress.name(sandbox.server()) + ":" + SandboxUser.DEFAULT.id());
        assertThat(third.user().handle()).isEqualTo("alice@127.0.0.1");
        assertThat(third.server()).isEqualTo(sandbox.server());
        assertThat(third.credentials().scopes()).containsExactlyInAnyOrder("write:media", "write:statuses", "read:accounts");
        assertThat(third.credentials().toString()).doesNotContain(third.credentials().accessToken());
    }

    @Test
    void theRedirectAsksForTheThreeScopesAndNoMore() {
        SignInStart.Redirect redirect = redirect(authorizer.signInMethods().get(0));

        assertThat(query(redirect.url())).containsEntry("scope", "write:media write:statuses read:accounts");
        assertThat(redirect.url().toString()).startsWith(sandbox.mastodon.baseUrl() + "/oauth/authorize?");
        assertThat(redirect.pending().pluginState()).contains(sandbox.mastodon.baseUrl());
    }

    @Test
    void aTokenMadeByHandIsImportedWithItsServer() {
        String token = sandbox.mastodon.issueToken();

        Connection connection = authorizer.importCredentials(Map.of("server", sandbox.serverField(),
                "access-token", token));

        assertThat(connection.user().id()).isEqualTo(SandboxUser.DEFAULT.id());
        assertThat(connection.server()).isEqualTo(sandbox.server());
        assertThat(connection.credentials().expiresAt()).isNull();
        assertThat(connection.credentials().canRefresh()).isFalse();
        assertThat(authorizer.importFields()).extracting(f -> f.key()).containsExactly("server", "access-token");
        assertThatThrownBy(() -> authorizer.importCredentials(Map.of("server", sandbox.serverField(),
                "access-token", "not-a-token"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("access-token:").hasMessageNotContaining("not-a-token");
        // Imported tokens belong to another client: disconnecting leaves them to their maker, and does not fail.
        authorizer.revoke(access(connection));
        assertThat(whoIs(access(connection)).id()).isEqualTo(SandboxUser.DEFAULT.id());
    }

    @Test
    void aServerIsTypedAsPeopleWriteItAndPlainHttpOnlyOnLoopback() {
        assertThat(ServerAddress.parse("Mastodon.Social", false)).isEqualTo(URI.create("https://mastodon.social"));
        assertThat(ServerAddress.parse("https://mastodon.social/", false)).isEqualTo(
                URI.create("https://mastodon.social"));
        assertThat(ServerAddress.parse("@alice@example.social", false)).isEqualTo(
                URI.create("https://example.social"));
        assertThat(ServerAddress.parse("http://127.0.0.1:8090", false)).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThatThrownBy(() -> ServerAddress.parse("http://example.social", false))
                .hasMessage("server: example.social must be reached over https");
        assertThatThrownBy(() -> authorizer.begin("oauth", Map.of(), pending()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("server:");
    }

    @Test
    void aServerWithoutMetadataUsesMastodonsFixedPaths() {
        sandbox.mastodon.faults().add("discovery=404");

        Connection connection = connect(authorizer.signInMethods().get(0));

        assertThat(connection.user().id()).isEqualTo(SandboxUser.DEFAULT.id());
    }

    @Test
    void aClientTheServerForgotIsRegisteredAgainAtTheNextSignIn() {
        SignInStart.Redirect redirect = redirect(authorizer.signInMethods().get(0));
        Map<String, String> callback = callback(redirect);
        sandbox.mastodon.reset(); // the server lost its apps (and the code)
        sandbox.vault.values.replaceAll((k, v) -> v.replaceAll("\"client_secret\":\"[^\"]*\"",
                "\"client_secret\":\"stale\""));

        assertThatThrownBy(() -> authorizer.complete(redirect.pending(), callback))
                .hasMessageContaining("connect again");
        assertThat(sandbox.vault.values).isEmpty();
        assertThat(connect(authorizer.signInMethods().get(0)).user().id()).isEqualTo(SandboxUser.DEFAULT.id());
    }

    @Test
    void aRefusedTokenCannotBeRenewed() {
        AccountAccess access = sandbox.access();
        sandbox.mastodon.revoke(access.accessToken());

        assertThatThrownBy(() -> authorizer.refresh(access))
                .isInstanceOf(dev.outpost.ports.platform.PlatformException.Unauthorized.class)
                .hasMessageContaining("connect the account again");
        assertThat(MastodonSandbox.DEFAULT_SCOPES).hasSize(3);
        PendingAuthorization unused = pending();
        assertThat(unused.platformId()).isEqualTo("mastodon");
    }
}
