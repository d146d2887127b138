package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Authorizer} does, real or fake: PKCE S256 and state in the authorization URL, single-use codes
 * bound to their verifier, rotating refresh tokens, revocation. Subclasses supply the subject, a registered
 * redirect URI, the user's consent, and the platform's clock.
 */
public abstract class AuthorizerContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected Authorizer authorizer;

    protected abstract Authorizer createAuthorizer();

    /** A redirect URI the platform knows for this client. */
    protected abstract URI redirectUri();

    /** The user consents in a browser: follows {@code authorizationUrl}, returns the callback URL it lands on. */
    protected abstract URI consent(URI authorizationUrl);

    protected abstract Instant now();

    protected String invalidAccessToken() {
        return "bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ";
    }

    @BeforeEach
    void createSubject() {
        authorizer = createAuthorizer();
    }

    @Test
    public void theAuthorizationUrlCarriesStateAndTheS256Challenge() {
        PendingAuthorization pending = pending();

        Map<String, String> query = query(authorizer.authorizationUrl(pending));

        assertThat(query).containsEntry("state", pending.state())
                .containsEntry("code_challenge", pending.verifier().s256Challenge())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", redirectUri().toString())
                .containsEntry("response_type", "code")
                .doesNotContainValue(pending.verifier().value());
        assertThat(query.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(authorizer.scopes());
    }

    @Test
    public void theCodeIsExchangedForTokensThatNameTheUser() {
        PendingAuthorization pending = pending();

        TokenSet tokens = authorizer.exchange(pending, codeFor(pending));

        assertThat(tokens.canRefresh()).as("a refresh token was issued").isTrue();
        assertThat(tokens.expiresAt()).isAfter(now());
        assertThat(tokens.version()).isZero();
        assertThat(tokens.scopes()).containsAll(authorizer.scopes());
        RemoteUser user = authorizer.currentUser(tokens.accessToken());
        assertThat(user.id()).isNotBlank();
        assertThat(user.handle()).isNotBlank();
    }

    @Test
    public void aCodeWorksOnce() {
        PendingAuthorization pending = pending();
        String code = codeFor(pending);
        authorizer.exchange(pending, code);

        assertThatThrownBy(() -> authorizer.exchange(pending, code))
                .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageNotContaining(code);
    }

    @Test
    public void aCodeNeedsItsOwnVerifier() {
        PendingAuthorization pending = pending();
        String code = codeFor(pending);
        PendingAuthorization other = pending();

        assertThatThrownBy(() -> authorizer.exchange(other, code))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    public void refreshRotatesAndTheOldRefreshTokenDies() {
        PendingAuthorization pending = pending();
        TokenSet first = authorizer.exchange(pending, codeFor(pending));

        TokenSet second = authorizer.refresh(first);

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
        assertThat(authorizer.currentUser(second.accessToken()).id())
                .isEqualTo(authorizer.currentUser(first.accessToken()).id());
        assertThatThrownBy(() -> authorizer.refresh(first))
                .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.Unauthorized.class)
                .hasMessageNotContaining(first.refreshToken());
    }

    @Test
    public void anInvalidTokenIsUnauthorized() {
        assertThatThrownBy(() -> authorizer.currentUser(invalidAccessToken()))
                .isInstanceOf(PlatformException.Unauthorized.class).hasMessageNotContaining(invalidAccessToken());
    }

    @Test
    public void revokedTokensStopWorkingAndRevokingTwiceIsHarmless() {
        PendingAuthorization pending = pending();
        TokenSet tokens = authorizer.exchange(pending, codeFor(pending));

        authorizer.revoke(tokens);

        assertThatThrownBy(() -> authorizer.currentUser(tokens.accessToken()))
                .isInstanceOf(PlatformException.Unauthorized.class);
        assertThatThrownBy(() -> authorizer.refresh(tokens))
                .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.Unauthorized.class);
        authorizer.revoke(tokens);
    }

    protected PendingAuthorization pending() {
        return PendingAuthorization.start("contract", redirectUri(), "contract-test", now(), RANDOM);
    }

    /** Consents and returns the code the callback brought, after checking it brought back the state. */
    protected String codeFor(PendingAuthorization pending) {
        URI callback = consent(authorizer.authorizationUrl(pending));
        Map<String, String> query = query(callback);
        assertThat(query).containsEntry("state", pending.state()).containsKey("code");
        return query.get("code");
    }

    protected static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
