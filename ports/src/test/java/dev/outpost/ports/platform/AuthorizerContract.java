package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Authorizer} does, real or fake, for each sign-in method it offers: a redirect method sends the
 * browser with the state and a PKCE S256 challenge and takes a code once, bound to its verifier; a form method connects
 * at once; the connection's credentials work; refresh and revocation behave as the plugin's
 * {@link PlatformCapabilities} declare (tokens with or without expiry, refresh tokens that rotate or none).
 *
 * <p>Subclasses supply the subject, a registered redirect URI, the user's consent in a browser, the fields each method
 * asks for, a way to check credentials against the platform, and the platform's clock.
 */
public abstract class AuthorizerContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected Authorizer authorizer;

    protected abstract Authorizer createAuthorizer();

    protected abstract PlatformCapabilities capabilities();

    /** A redirect URI the platform accepts for this client. */
    protected abstract URI redirectUri();

    /** The user consents in a browser: follows {@code authorizationUrl}, returns the callback URL it lands on. */
    protected abstract URI consent(URI authorizationUrl);

    /** What the user types for {@code method}'s fields (a server, a handle and an app password). */
    protected Map<String, String> fieldsFor(SignInMethod method) {
        return Map.of();
    }

    /** Fields of {@code method} the platform refuses (a wrong password), or empty when the method has none. */
    protected Optional<Map<String, String>> wrongFieldsFor(SignInMethod method) {
        return Optional.empty();
    }

    /**
     * Who the platform says {@code access} belongs to, asked behind the authorizer's back.
     *
     * @throws PlatformException.Unauthorized when the platform refuses the credentials
     */
    protected abstract RemoteUser whoIs(AccountAccess access);

    protected abstract Instant now();

    /** The plugin's id, for account ids. */
    protected String platformId() {
        return "contract";
    }

    @BeforeEach
    void createSubject() {
        authorizer = createAuthorizer();
    }

    @Test
    public void theDeclaredSignInMethodsAreOffered() {
        List<SignInMethod> methods = authorizer.signInMethods();

        assertThat(methods).isNotEmpty();
        assertThat(methods).extracting(SignInMethod::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(capabilities().signInMethods());
        assertThat(methods).flatExtracting(SignInMethod::fields).allSatisfy(f -> assertThat(f.label()).isNotBlank());
    }

    @Test
    public void everyMethodConnectsWithCredentialsThatWork() {
        for (SignInMethod method : authorizer.signInMethods()) {
            Connection connection = connect(method);

            assertThat(connection.localId()).as("local id via %s", method.id()).isNotBlank();
            assertThat(connection.user().id()).isNotBlank();
            assertThat(connection.user().handle()).isNotBlank();
            TokenSet tokens = connection.credentials();
            assertThat(tokens.version()).isZero();
            assertThat(tokens.canRefresh()).as("a refresh token via %s", method.id())
                    .isEqualTo(capabilities().refreshes());
            if (capabilities().tokensExpire()) {
                assertThat(tokens.expiresAt()).as("expiry via %s", method.id()).isAfter(now());
            } else {
                assertThat(tokens.expiresAt()).as("expiry via %s", method.id()).isNull();
            }
            assertThat(whoIs(access(connection)).id()).isEqualTo(connection.user().id());
            assertThat(connection.toString()).doesNotContain(tokens.accessToken());
        }
    }

    @Test
    public void aRedirectCarriesStateAndTheS256Challenge() {
        for (SignInMethod method : redirectMethods()) {
            PendingAuthorization pending = pending();

            SignInStart start = authorizer.begin(method.id(), fieldsFor(method), pending);

            assertThat(start).isInstanceOfSatisfying(SignInStart.Redirect.class, redirect -> {
                assertThat(redirect.pending().state()).isEqualTo(pending.state());
                assertThat(redirect.pending().verifier()).isEqualTo(pending.verifier());
                assertThat(query(redirect.url())).containsEntry("state", pending.state())
                        .containsEntry("code_challenge", pending.verifier().s256Challenge())
                        .containsEntry("code_challenge_method", "S256")
                        .containsEntry("redirect_uri", redirectUri().toString())
                        .containsEntry("response_type", "code")
                        .doesNotContainValue(pending.verifier().value());
            });
        }
    }

    @Test
    public void aCodeWorksOnce() {
        for (SignInMethod method : redirectMethods()) {
            SignInStart.Redirect redirect = redirect(method);
            Map<String, String> callback = callback(redirect);
            authorizer.complete(redirect.pending(), callback);

            assertThatThrownBy(() -> authorizer.complete(redirect.pending(), callback))
                    .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageNotContaining(callback.get("code"));
        }
    }

    @Test
    public void aCodeNeedsItsOwnVerifier() {
        for (SignInMethod method : redirectMethods()) {
            SignInStart.Redirect redirect = redirect(method);
            Map<String, String> callback = callback(redirect);
            SignInStart.Redirect other = redirect(method);

            assertThatThrownBy(() -> authorizer.complete(other.pending(), callback))
                    .isInstanceOf(PlatformException.InvalidRequest.class);
        }
    }

    @Test
    public void wrongFieldsAreRefusedWithoutEchoingThem() {
        for (SignInMethod method : authorizer.signInMethods()) {
            Optional<Map<String, String>> wrong = wrongFieldsFor(method);
            if (wrong.isEmpty()) {
                continue;
            }
            assertThatThrownBy(() -> authorizer.begin(method.id(), wrong.get(), pending()))
                    .isInstanceOfAny(IllegalArgumentException.class, PlatformException.Unauthorized.class,
                            PlatformException.InvalidRequest.class)
                    .satisfies(e -> method.fields().stream().filter(SignInField::secret)
                            .map(f -> wrong.get().get(f.key())).filter(v -> v != null && !v.isEmpty())
                            .forEach(secret -> assertThat(e.getMessage()).doesNotContain(secret)));
        }
    }

    @Test
    public void refreshGivesWorkingCredentialsAsDeclared() {
        Connection connection = connect(authorizer.signInMethods().get(0));
        AccountAccess first = access(connection);

        if (!capabilities().refreshes()) {
            assertThatThrownBy(() -> authorizer.refresh(first))
                    .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.Unauthorized.class);
            return;
        }
        TokenSet second = authorizer.refresh(first);

        assertThat(second.accessToken()).isNotEqualTo(first.credentials().accessToken());
        assertThat(second.canRefresh()).isTrue();
        assertThat(whoIs(new AccountAccess(first.account(), second)).id()).isEqualTo(connection.user().id());
        if (capabilities().oldRefreshTokenDies()) {
            assertThat(second.refreshToken()).isNotEqualTo(first.credentials().refreshToken());
            assertThatThrownBy(() -> authorizer.refresh(first))
                    .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.Unauthorized.class)
                    .hasMessageNotContaining(first.credentials().refreshToken());
        }
    }

    @Test
    public void revokedCredentialsStopWorkingAndRevokingTwiceIsHarmless() {
        Connection connection = connect(authorizer.signInMethods().get(0));
        AccountAccess access = access(connection);

        authorizer.revoke(access);

        assertThatThrownBy(() -> whoIs(access)).isInstanceOf(PlatformException.Unauthorized.class);
        if (capabilities().refreshes()) {
            assertThatThrownBy(() -> authorizer.refresh(access))
                    .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.Unauthorized.class);
        }
        authorizer.revoke(access);
    }

    @Test
    public void anUnknownMethodIsRefused() {
        assertThatThrownBy(() -> authorizer.begin("no-such-method", Map.of(), pending()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers for subclasses' own tests

    protected List<SignInMethod> redirectMethods() {
        List<SignInMethod> methods = authorizer.signInMethods().stream().filter(SignInMethod::redirect).toList();
        assumeThat(methods).as("redirect sign-in methods").isNotEmpty();
        return methods;
    }

    /** Connects one account by {@code method}, as the core would: begin, then the browser and complete if needed. */
    protected Connection connect(SignInMethod method) {
        SignInStart start = authorizer.begin(method.id(), fieldsFor(method), pending());
        if (start instanceof SignInStart.Connected connected) {
            assertThat(method.redirect()).as("%s connects without a redirect", method.id()).isFalse();
            return connected.connection();
        }
        SignInStart.Redirect redirect = (SignInStart.Redirect) start;
        return authorizer.complete(redirect.pending(), callback(redirect));
    }

    protected SignInStart.Redirect redirect(SignInMethod method) {
        return (SignInStart.Redirect) authorizer.begin(method.id(), fieldsFor(method), pending());
    }

    /** The browser consents; the callback's query parameters, after checking it brought the state back. */
    protected Map<String, String> callback(SignInStart.Redirect redirect) {
        Map<String, String> query = query(consent(redirect.url()));
        assertThat(query).containsEntry("state", redirect.pending().state()).containsKey("code");
        return query;
    }

    /** The account the core would store for {@code connection}, with its credentials. */
    protected AccountAccess access(Connection connection) {
        Account account = new Account(AccountId.of(platformId(), connection.localId()), connection.user().id(),
                connection.user().handle(), connection.user().name(), connection.server(), AccountStatus.CONNECTED,
                now());
        return new AccountAccess(account, connection.credentials());
    }

    protected PendingAuthorization pending() {
        return PendingAuthorization.start(platformId(), redirectUri(), "contract-test", now(), RANDOM);
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
