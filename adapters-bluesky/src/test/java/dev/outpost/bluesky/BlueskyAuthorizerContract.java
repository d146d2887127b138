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
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder().signInMethods("app-password")
            .tokensExpire(true).refreshes(true).oldRefreshTokenDies(false).build();

    private BlueskyServer.TestAccount account;
    private boolean pauseAfterConnecting;

    abstract BlueskyServer server();

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

    @Override
    protected URI consent(URI authorizationUrl) {
        throw new AssertionError("app-password sign-in has no browser step");
    }

    @Override
    protected Map<String, String> fieldsFor(SignInMethod method) {
        return plugin().fields(account);
    }

    @Override
    protected Optional<Map<String, String>> wrongFieldsFor(SignInMethod method) {
        return Optional.of(Map.of("handle", account.handle(), "app-password", "wxyz-wxyz-wxyz-wxyz", "service",
                server().url().toString()));
    }

    @Override
    protected RemoteUser whoIs(AccountAccess access) {
        JsonNode session = new Xrpc(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(20)).send(
                XrpcCall.query(server().url(), "com.atproto.server.getSession")
                        .auth(Auth.bearer(access.accessToken())));
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
                access.credentials().refreshToken(), Instant.now().minusSeconds(60), Set.of(),
                access.credentials().extra(), 1));

        assertThatThrownBy(() -> whoIs(expired)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("400 ExpiredToken");
    }

    @Test
    void aSignInByDidFindsTheServerThroughThePlcDirectory() {
        org.junit.jupiter.api.Assumptions.assumeTrue(plcUrl() != null, "the server has a PLC directory");
        Plugin plugin = new Plugin(server(), Map.of(BlueskySettings.PLC_URL, plcUrl().toString()));

        Connection connection = ((dev.outpost.ports.platform.SignInStart.Connected) plugin.authorizer().begin(
                BlueskyAuthorizer.APP_PASSWORD, Map.of("handle", account.did(), "app-password",
                        account.appPassword()), pending())).connection();

        assertThat(connection.server()).isEqualTo(server().url());
        assertThat(connection.user().handle()).isEqualTo(account.handle());
    }

    /** The PLC directory the server's DIDs live in, or null. */
    URI plcUrl() {
        return null;
    }

    private static final class Set {
        static java.util.Set<String> of() {
            return java.util.Set.of();
        }
    }
}
