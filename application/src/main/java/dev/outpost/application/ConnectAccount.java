package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.TokenStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Connecting an account: start (a fresh state and PKCE verifier, and the URL to send the browser to), complete
 * (the callback's state is checked once, the code exchanged, the account named and its tokens stored), and
 * disconnect (revoke, forget).
 */
public final class ConnectAccount {
    private final Platforms platforms;
    private final PendingAuthorizationStore pending;
    private final AccountStore accounts;
    private final TokenStore tokens;
    private final Clock clock;
    private final SecureRandom random;

    public ConnectAccount(Platforms platforms, PendingAuthorizationStore pending, AccountStore accounts,
            TokenStore tokens, Clock clock, SecureRandom random) {
        this.platforms = platforms;
        this.pending = pending;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
        this.random = random;
    }

    /** Where to send the user, and the state the callback must bring back. */
    public record Started(URI authorizationUrl, String state) {
    }

    /**
     * Begins connecting an account of {@code platformId}.
     *
     * @param owner who started it (a web session or "cli"); the callback must come from the same owner
     */
    public Started start(String platformId, URI redirectUri, String owner) {
        var platform = platforms.get(platformId);
        Instant now = clock.instant();
        pending.purgeExpired(now);
        PendingAuthorization authorization = PendingAuthorization.start(platform.id(), redirectUri, owner, now, random);
        pending.save(authorization);
        return new Started(platform.authorizer().authorizationUrl(authorization), authorization.state());
    }

    /**
     * Finishes the callback.
     *
     * @param error the platform's {@code error} parameter (the user cancelled), or null
     * @throws OutpostException INVALID_INPUT for an unknown, reused, expired or foreign state, or a cancelled consent
     */
    public Account complete(String state, String code, String error, String owner) {
        if (state == null || state.isBlank()) {
            throw OutpostException.invalid("state", "the callback carries no state; start connecting again");
        }
        PendingAuthorization authorization = pending.take(state, clock.instant()).orElseThrow(() ->
                OutpostException.invalid("state", "this authorization is unknown, already used or expired;"
                        + " start connecting again"));
        if (!authorization.owner().equals(owner == null ? "" : owner)) {
            throw OutpostException.invalid("state", "this authorization was started elsewhere; start connecting"
                    + " again from this browser");
        }
        if (error != null && !error.isBlank()) {
            throw OutpostException.invalid("consent", "the authorization was not granted (" + error + ")");
        }
        if (code == null || code.isBlank()) {
            throw OutpostException.invalid("code", "the callback carries no code; start connecting again");
        }
        var platform = platforms.get(authorization.platformId());
        TokenSet issued;
        try {
            issued = platform.authorizer().exchange(authorization, code);
        } catch (PlatformException e) {
            throw Failures.of(e, "connecting to " + platform.plugin().displayName());
        }
        return store(platform, issued, "connecting to ");
    }

    /** Stores tokens obtained elsewhere (for example with another tool) for the account they belong to. */
    public Account importTokens(String platformId, TokenSet issued) {
        return store(platforms.get(platformId), issued, "checking the imported tokens with ");
    }

    /** Names the account the tokens belong to and stores both, tokens first. */
    private Account store(Platforms.Platform platform, TokenSet issued, String doing) {
        try {
            RemoteUser user = platform.authorizer().currentUser(issued.accessToken());
            AccountId id = AccountId.of(platform.id(), user.id());
            Account account = new Account(id, user.id(), user.handle(), user.name(), AccountStatus.CONNECTED,
                    clock.instant());
            // Tokens first: an account row without tokens would look connected and fail at first use.
            tokens.put(id, issued);
            accounts.save(account);
            return account;
        } catch (PlatformException e) {
            throw Failures.of(e, doing + platform.plugin().displayName());
        }
    }

    /** Revokes the account's tokens at the platform (best effort) and forgets the account. */
    public boolean disconnect(AccountId account) {
        Objects.requireNonNull(account, "account");
        tokens.find(account).ifPresent(set -> {
            try {
                platforms.of(account).authorizer().revoke(set);
            } catch (PlatformException | OutpostException ignored) {
                // Forgetting locally matters more than a revoke the platform could not take.
            }
        });
        tokens.delete(account);
        return accounts.delete(account);
    }
}
