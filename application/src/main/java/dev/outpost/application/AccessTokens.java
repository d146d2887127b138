package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands out valid credentials. Credentials that expire are refreshed when less than the skew remains, and any are
 * refreshed when the platform refused them; refreshes of one account are single-flight within this process (a lock
 * per account) and across processes and instances (the token store's exclusive refresh), so the platform is asked
 * once however many workers need credentials at the same moment. A lost chain marks the account "reconnect needed"
 * instead of looping. Credentials that never expire and cannot be refreshed are used until the platform refuses
 * them.
 */
final class AccessTokens {
    private final TokenStore tokens;
    private final AccountStore accounts;
    private final Platforms platforms;
    private final Clock clock;
    private final Duration skew;
    private final ConcurrentHashMap<AccountId, Object> locks = new ConcurrentHashMap<>();

    AccessTokens(TokenStore tokens, AccountStore accounts, Platforms platforms, Clock clock, Duration skew) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.platforms = platforms;
        this.clock = clock;
        this.skew = skew;
    }

    AccessTokens(TokenStore tokens, AccountStore accounts, Platforms platforms, Clock clock) {
        this(tokens, accounts, platforms, clock, TokenSet.DEFAULT_REFRESH_SKEW);
    }

    /**
     * Runs a platform request with valid credentials; when the platform refuses them, refreshes once and repeats the
     * request once.
     */
    <T> T call(Account account, Function<AccountAccess, T> request) {
        TokenSet current = current(account);
        try {
            return request.apply(new AccountAccess(account, current));
        } catch (PlatformException.Unauthorized refused) {
            TokenSet fresh = refresh(account, current, refused);
            try {
                return request.apply(new AccountAccess(account, fresh));
            } catch (PlatformException.Unauthorized again) {
                markReconnectNeeded(account.id());
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the platform refused the"
                        + " access of " + name(account) + " even after renewing it; connect it again", again);
            }
        }
    }

    /** Credentials with more than the skew left, refreshing first when needed. */
    TokenSet current(Account account) {
        TokenSet stored = stored(account.id());
        if (!stored.needsRefresh(clock.instant(), skew)) {
            return stored;
        }
        return refresh(account, stored, null);
    }

    private TokenSet refresh(Account account, TokenSet stale, PlatformException.Unauthorized refused) {
        AccountId id = account.id();
        synchronized (locks.computeIfAbsent(id, key -> new Object())) {
            TokenSet before = stored(id);
            if (!before.sameTokensAs(stale) && !before.needsRefresh(clock.instant(), skew)) {
                return before;
            }
            if (accounts.find(id).map(a -> a.status() == AccountStatus.NEEDS_RECONNECT).orElse(false)) {
                // The chain is known to be lost: asking the platform again would only fail again.
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the account " + name(account)
                        + " must be connected again");
            }
            if (!before.canRefresh()) {
                markReconnectNeeded(id);
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, refused == null
                        ? "the access of " + name(account) + " expired and cannot be renewed; connect it again"
                        : "the platform no longer accepts the access of " + name(account) + " ("
                                + refused.getMessage() + "); connect it again", refused);
            }
            var authorizer = platforms.of(id).authorizer();
            try {
                return tokens.refreshExclusively(id, current -> {
                    // Another process may have refreshed while we waited for the hold.
                    if (!current.sameTokensAs(stale) && !current.needsRefresh(clock.instant(), skew)) {
                        return current;
                    }
                    return authorizer.refresh(new AccountAccess(account, current));
                });
            } catch (PlatformException.InvalidRequest | PlatformException.Unauthorized rejected) {
                return afterRefusedRefresh(account, before, rejected);
            } catch (NoSuchElementException gone) {
                throw notConnected(id);
            }
        }
    }

    /** A refresh refused: if someone else renewed meanwhile use theirs, else the chain is lost. */
    private TokenSet afterRefusedRefresh(Account account, TokenSet tried, PlatformException refused) {
        TokenSet now = stored(account.id());
        if (!now.sameTokensAs(tried) && !now.needsRefresh(clock.instant(), skew)) {
            return now;
        }
        markReconnectNeeded(account.id());
        throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the platform no longer accepts the"
                + " saved authorization of " + name(account) + " (" + refused.getMessage() + "); connect it again",
                refused);
    }

    private TokenSet stored(AccountId account) {
        return tokens.find(account).orElseThrow(() -> notConnected(account));
    }

    private static OutpostException notConnected(AccountId account) {
        return new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "no credentials are stored for "
                + account + "; connect the account first");
    }

    private void markReconnectNeeded(AccountId account) {
        accounts.updateStatus(account, AccountStatus.NEEDS_RECONNECT);
    }

    private static String name(Account account) {
        return "@" + account.handle() + " (" + account.id() + ")";
    }
}
