package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.TokenStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Connecting an account by whichever method its platform's plugin offers: a browser redirect (a fresh state and PKCE
 * verifier, the URL to send the browser to, and the callback whose state is checked once) or a form whose fields
 * connect at once; importing credentials made elsewhere; disconnecting (revoke, forget).
 */
public final class ConnectAccount {
    private final Platforms platforms;
    private final PendingAuthorizationStore pending;
    private final AccountStore accounts;
    private final TokenStore tokens;
    private final Clock clock;
    private final SecureRandom random;

    ConnectAccount(Platforms platforms, PendingAuthorizationStore pending, AccountStore accounts, TokenStore tokens,
            Clock clock, SecureRandom random) {
        this.platforms = platforms;
        this.pending = pending;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
    }

    /** What beginning a sign-in gave. */
    public sealed interface Started {
        /** Send the browser to {@code authorizationUrl}; the callback must bring back {@code state}. */
        record Redirect(URI authorizationUrl, String state) implements Started {
        }

        /** The method needed no browser: the account is connected. */
        record Connected(Account account) implements Started {
        }
    }

    /** The ways to connect an account of {@code platformId}, the preferred first. */
    public List<SignInMethod> methods(String platformId) {
        return platforms.get(platformId).authorizer().signInMethods();
    }

    /**
     * Begins connecting an account of {@code platformId}.
     *
     * @param method one of {@link #methods}' ids, or null for the preferred one
     * @param fields the values the user gave for the method's fields
     * @param redirectUri where the platform sends the browser back (used by redirect methods)
     * @param owner who started it (a web session or "cli"); the callback must come from the same owner
     * @throws OutpostException INVALID_INPUT for an unknown method or a missing or wrong field
     */
    public Started start(String platformId, String method, Map<String, String> fields, URI redirectUri,
            String owner) {
        var platform = platforms.get(platformId);
        SignInMethod chosen = method(platform, method);
        Map<String, String> given = fields == null ? Map.of() : fields;
        chosen.fields().stream().filter(f -> f.required() && blank(given.get(f.key()))).findFirst().ifPresent(f -> {
            throw OutpostException.invalid(f.key(), f.label() + " is required to connect to "
                    + platform.displayName());
        });
        Instant now = clock.instant();
        pending.purgeExpired(now);
        PendingAuthorization authorization = PendingAuthorization.start(platform.id(), redirectUri, owner, now,
                random);
        SignInStart started;
        try {
            started = platform.authorizer().begin(chosen.id(), given, authorization);
        } catch (IllegalArgumentException wrong) {
            throw OutpostException.invalid("sign-in", wrong.getMessage());
        } catch (PlatformException.Unauthorized refused) {
            // Nothing is connected yet: refused credentials at sign-in are a typing error, not a lost connection.
            throw OutpostException.invalid("sign-in", platform.displayName() + " refused the sign-in ("
                    + refused.getMessage() + "); check what you typed and try again");
        } catch (PlatformException e) {
            throw Failures.of(e, "connecting to " + platform.displayName());
        }
        if (started instanceof SignInStart.Connected connected) {
            return new Started.Connected(store(platform, connected.connection()));
        }
        SignInStart.Redirect redirect = (SignInStart.Redirect) started;
        if (!redirect.pending().state().equals(authorization.state())) {
            throw new IllegalStateException("the " + platform.id() + " plugin changed the authorization's state");
        }
        pending.save(redirect.pending());
        return new Started.Redirect(redirect.url(), authorization.state());
    }

    /**
     * Finishes the callback.
     *
     * @param callback the callback's query parameters ({@code state}, {@code code}, {@code error}, …)
     * @throws OutpostException INVALID_INPUT for an unknown, reused, expired or foreign state, or a cancelled consent
     */
    public Account complete(Map<String, String> callback, String owner) {
        String state = callback.get("state");
        if (blank(state)) {
            throw OutpostException.invalid("state", "the callback carries no state; start connecting again");
        }
        PendingAuthorization authorization = pending.take(state, clock.instant()).orElseThrow(() ->
                OutpostException.invalid("state", "this authorization is unknown, already used or expired;"
                        + " start connecting again"));
        if (!authorization.owner().equals(owner == null ? "" : owner)) {
            throw OutpostException.invalid("state", "this authorization was started elsewhere; start connecting"
                    + " again from this browser");
        }
        String error = callback.get("error");
        if (!blank(error)) {
            throw OutpostException.invalid("consent", "the authorization was not granted (" + error + ")");
        }
        if (blank(callback.get("code"))) {
            throw OutpostException.invalid("code", "the callback carries no code; start connecting again");
        }
        var platform = platforms.get(authorization.platformId());
        Connection connection;
        try {
            connection = platform.authorizer().complete(authorization, Map.copyOf(new HashMap<>(callback)));
        } catch (PlatformException e) {
            throw Failures.of(e, "connecting to " + platform.displayName());
        }
        return store(platform, connection);
    }

    /**
     * The client metadata document a platform's authorization server fetches for browser sign-ins coming back to
     * {@code redirectUri}; empty when the platform needs none (or is unknown). The app serves it publicly at
     * {@link dev.outpost.ports.platform.Authorizer#clientMetadataUrl}.
     */
    public Optional<String> clientMetadata(String platformId, URI redirectUri) {
        if (platforms.all().stream().noneMatch(p -> p.id().equals(platformId))) {
            return Optional.empty();
        }
        return platforms.get(platformId).authorizer().clientMetadata(redirectUri);
    }

    /** The fields {@link #importCredentials} takes for {@code platformId}; empty when it takes none. */
    public List<dev.outpost.ports.platform.SignInField> importFields(String platformId) {
        return platforms.get(platformId).authorizer().importFields();
    }

    /** Connects an account with credentials the user made elsewhere (a token made by hand). */
    public Account importCredentials(String platformId, Map<String, String> fields) {
        var platform = platforms.get(platformId);
        try {
            return store(platform, platform.authorizer().importCredentials(fields));
        } catch (IllegalArgumentException wrong) {
            throw OutpostException.invalid("credentials", wrong.getMessage());
        } catch (PlatformException e) {
            throw Failures.of(e, "checking the imported credentials with " + platform.displayName());
        }
    }

    /** Stores the connection's credentials, then its account. */
    private Account store(Platforms.Platform platform, Connection connection) {
        AccountId id = AccountId.of(platform.id(), connection.localId());
        Account account = new Account(id, connection.user().id(), connection.user().handle(),
                connection.user().name(), connection.server(), AccountStatus.CONNECTED, clock.instant());
        // Credentials first: an account row without them would look connected and fail at first use.
        tokens.put(id, connection.credentials());
        accounts.save(account);
        // The platform's rules for this account now, while the user waits for the connection anyway: a rulebook that
        // asks the server for its limits keeps them, so the first post does not wait for them.
        try {
            platform.rules(account);
        } catch (RuntimeException unavailable) {
            // The rules are read again when a post needs them.
        }
        return account;
    }

    /** Revokes the account's credentials at the platform (best effort) and forgets the account. */
    public boolean disconnect(AccountId account) {
        Objects.requireNonNull(account, "account");
        accounts.find(account).ifPresent(known -> tokens.find(account).ifPresent(set -> {
            try {
                platforms.of(account).authorizer().revoke(new AccountAccess(known, set));
            } catch (PlatformException | OutpostException ignored) {
                // Forgetting locally matters more than a revoke the platform could not take.
            }
        }));
        tokens.delete(account);
        return accounts.delete(account);
    }

    private static SignInMethod method(Platforms.Platform platform, String id) {
        List<SignInMethod> methods = platform.authorizer().signInMethods();
        if (id == null || id.isBlank()) {
            return methods.get(0);
        }
        return methods.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
                OutpostException.invalid("method", platform.displayName() + " has no sign-in method '" + id
                        + "'; it offers " + String.join(", ", methods.stream().map(SignInMethod::id).toList())));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
