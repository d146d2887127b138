package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.AuthorizerContract;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInMethod;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ports' {@link AuthorizerContract} for the Bluesky plugin, against a Bluesky server (the real PDS or the
 * sandbox, one subclass each), with what Bluesky does: an app-password form, access JWTs that expire, refresh JWTs
 * that rotate with a grace period.
 */
abstract class BlueskyAuthorizerContract extends AuthorizerContract {
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder()
            .signInMethods("app-password", "oauth").tokensExpire(true).refreshes(true).oldRefreshTokenDies(false)
            .build();

    private BlueskyServer.TestAccount account;
    private boolean pauseAfterConnecting;

    abstract BlueskyServer server();

    /** Whether the server runs an OAuth authorization server (the real PDS does; the sandbox emulates none). */
    boolean hasOAuthServer() {
        return true;
    }

    @Override
    protected java.util.List<SignInMethod> redirectMethods() {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasOAuthServer(), "the server has no OAuth authorization "
                + "server");
        return super.redirectMethods();
    }

    @Test
    void withoutAnOAuthServerTheBrowserSignInSaysToUseAnAppPassword() {
        org.junit.jupiter.api.Assumptions.assumeFalse(hasOAuthServer(), "the server has an OAuth server");

        assertThatThrownBy(() -> authorizer.begin(BlueskyAuthorizer.OAUTH, Map.of("handle", account.handle(),
                "service", server().url().toString()), pending())).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("app password");
    }

    private Plugin plugin() {
        return new Plugin(server());
    }

    @Override
    protected Authorizer createAuthorizer() {
        account = server().createAccount("alice");
        return plugin().authorizer();
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    protected String platformId() {
        return "bluesky";
    }

    @Override
    protected URI redirectUri() {
        return URI.create("http://127.0.0.1:8765/callback");
    }

    /** The person signs in with the account's password at the server's page and consents. */
    @Override
    protected URI consent(URI authorizationUrl) {
        return new OAuthBrowser().consent(authorizationUrl, redirectUri(), account.handle(), account.password(),
                account.did());
    }

    @Override
    protected Map<String, String> fieldsFor(SignInMethod method) {
        return method.redirect() ? Map.of("handle", account.handle(), "service", server().url().toString())
                : plugin().fields(account);
    }

    @Override
    protected Optional<Map<String, String>> wrongFieldsFor(SignInMethod method) {
        return method.redirect() ? Optional.empty() : Optional.of(Map.of("handle", account.handle(),
                "app-password", "wxyz-wxyz-wxyz-wxyz", "service", server().url().toString()));
    }

    /**
     * Bluesky's version: its authorization server requires PAR (RFC 9126), so the state, the S256 challenge, the
     * redirect URI and the response type travel in the pushed request, and the browser's URL carries only the client
     * id and the request's handle (the server takes a URL with the parameters for an un-pushed request and refuses
     * it). That the pushed request held this state and challenge shows in the callback (the same state) and in the
     * code working only with this verifier ({@link #aCodeNeedsItsOwnVerifier()}).
     */
    @Override
    @Test
    public void aRedirectCarriesStateAndTheS256Challenge() {
        for (SignInMethod method : redirectMethods()) {
            dev.outpost.domain.auth.PendingAuthorization pending = pending();

            dev.outpost.ports.platform.SignInStart.Redirect redirect = (dev.outpost.ports.platform.SignInStart.Redirect)
                    authorizer.begin(method.id(), fieldsFor(method), pending);

            assertThat(redirect.pending().state()).isEqualTo(pending.state());
            assertThat(redirect.pending().verifier()).isEqualTo(pending.verifier());
            assertThat(redirect.pending().pluginState()).contains("dpopKey").doesNotContain(pending.verifier()
                    .value());
            assertThat(query(redirect.url())).containsOnlyKeys("client_id", "request_uri")
                    .doesNotContainValue(pending.verifier().value());
            assertThat(query(redirect.url()).get("client_id")).startsWith("http://localhost?redirect_uri=");
            assertThat(callback(redirect)).containsEntry("state", pending.state());
        }
    }

    @Test
    void theBrowserSignInGivesDpopBoundTokensThatPostAndRotate() {
        SignInMethod oauth = redirectMethods().get(0);
        AccountAccess access = access(connect(oauth));

        assertThat(access.credentials().extra()).contains("dpopKey").contains(account.did());
        assertThat(Jwt.claims(access.accessToken()).path("cnf").path("jkt").asText()).isNotEmpty();
        Wire.Answer asBearer = new Wire(server().url()).getAnswer("com.atproto.server.getSession",
                access.accessToken(), Map.of());
        assertThat(asBearer.status()).as("a DPoP-bound token sent as a bearer token").isEqualTo(400);
        assertThat(asBearer.error()).isEqualTo("InvalidToken");
        Plugin plugin = plugin();
        dev.outpost.ports.platform.PostRequest request = new dev.outpost.ports.platform.PostRequest("Signed in with "
                + "OAuth", java.util.List.of(), null, plugin.publisher().newIdempotencyKey(Instant.now(),
                        new java.util.Random()), Map.of());
        assertThat(plugin.publisher().publish(access, request).id()).startsWith("at://" + account.did());
        TokenSet renewed = authorizer.refresh(access);
        assertThat(renewed.refreshToken()).isNotEqualTo(access.credentials().refreshToken());
        assertThat(plugin.publisher().publish(Plugin.with(access, renewed), new dev.outpost.ports.platform
                .PostRequest("Renewed", java.util.List.of(), null, plugin.publisher().newIdempotencyKey(
                        Instant.now(), new java.util.Random()), Map.of())).id()).startsWith("at://");
        authorizer.revoke(Plugin.with(access, renewed));
        assertThatThrownBy(() -> authorizer.refresh(Plugin.with(access, renewed)))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Override
    protected RemoteUser whoIs(AccountAccess access) {
        JsonNode session = new Xrpc(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(20)).send(
                XrpcCall.query(server().url(), "com.atproto.server.getSession")
                        .auth(Auth.of(access, java.time.Clock.systemUTC())));
        return new RemoteUser(session.path("did").asText(), session.path("handle").asText(), null);
    }

    @Override
    protected Instant now() {
        return Instant.now();
    }

    /**
     * Bluesky's version of the contract's revocation: {@code deleteSession} revokes the refresh JWT (the session can
     * never be renewed: the account needs a reconnect), but an access JWT already issued stays valid until it expires
     * (measured on the real PDS, which checks no revocation list for access tokens).
     */
    @Override
    @Test
    public void revokedCredentialsStopWorkingAndRevokingTwiceIsHarmless() {
        Connection connection = connect(authorizer.signInMethods().get(0));
        // (for the app-password session; the OAuth one is revoked in theBrowserSignInGivesDpopBoundTokens...)
        AccountAccess access = access(connection);

        authorizer.revoke(access);

        assertThatThrownBy(() -> authorizer.refresh(access)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("ExpiredToken").hasMessageNotContaining(access.credentials().refreshToken());
        authorizer.revoke(access);
    }

    /**
     * The contract, a second after signing in: a session JWT's claims are its account, audience, scope and times to
     * the second, so a refresh within the same second gives the very same access JWT (measured on the real PDS).
     */
    @Override
    @Test
    public void refreshGivesWorkingCredentialsAsDeclared() {
        pauseAfterConnecting = true;
        super.refreshGivesWorkingCredentialsAsDeclared();
    }

    @Override
    protected Connection connect(SignInMethod method) {
        if (method.redirect() && !hasOAuthServer()) {
            org.junit.jupiter.api.Assumptions.abort("the server has no OAuth authorization server");
        }
        Connection connection = super.connect(method);
        if (pauseAfterConnecting) {
            try {
                Thread.sleep(1100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return connection;
    }

    @Test
    void theSessionIsKeptAndNeverThePassword() {
        Connection connection = connect(authorizer.signInMethods().get(0));
        TokenSet tokens = connection.credentials();

        assertThat(connection.localId()).isEqualTo(account.did()).startsWith("did:");
        assertThat(connection.user().handle()).isEqualTo(account.handle());
        assertThat(connection.server()).isEqualTo(server().url());
        assertThat(tokens.expiresAt()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(3 * 3600));
        assertThat(tokens.extra()).contains(account.did()).contains(server().url().toString())
                .doesNotContain(account.appPassword());
        assertThat(tokens.toString()).doesNotContain(account.appPassword()).doesNotContain(tokens.accessToken());
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenStillWorksDuringItsGrace() {
        AccountAccess first = access(connect(authorizer.signInMethods().get(0)));

        TokenSet second = authorizer.refresh(first);
        TokenSet again = authorizer.refresh(first);

        assertThat(second.refreshToken()).isNotEqualTo(first.credentials().refreshToken());
        assertThat(whoIs(Plugin.with(first, second)).id()).isEqualTo(account.did());
        assertThat(whoIs(Plugin.with(first, again)).id()).isEqualTo(account.did());
        assertThat(second.extra()).isEqualTo(first.credentials().extra());
    }

    @Test
    void anExpiredAccessTokenIsUnauthorizedByName() {
        AccountAccess access = access(connect(authorizer.signInMethods().get(0)));
        AccountAccess expired = Plugin.with(access, new TokenSet(server().expiredCopyOf(access.accessToken()),
                access.credentials().refreshToken(), Instant.now().minusSeconds(60), java.util.Set.of(),
                access.credentials().extra(), 1));

        assertThatThrownBy(() -> whoIs(expired)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("400 ExpiredToken");
    }

    @Test
    void aSignInByDidFindsTheServerThroughThePlcDirectory() {
        Plugin plugin = new Plugin(server());

        Connection connection = ((dev.outpost.ports.platform.SignInStart.Connected) plugin.authorizer().begin(
                BlueskyAuthorizer.APP_PASSWORD, Map.of("handle", account.did(), "app-password",
                        account.appPassword()), pending())).connection();

        assertThat(connection.server()).isEqualTo(server().url());
        assertThat(connection.user().handle()).isEqualTo(account.handle());
    }
}
