package dev.outpost.application;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands out valid access tokens. A token is refreshed when less than the skew remains, or when the platform
 * refused it; refreshes of one account are single-flight within this process (a lock per account) and across
 * instances (the token store's exclusive refresh), so the platform's token endpoint is called once however many
 * workers need a token at the same moment. A lost token chain marks the account "reconnect needed" instead of
 * looping.
 */
public final class AccessTokens {
    private final TokenStore tokens;
    private final AccountStore accounts;
    private final Platforms platforms;
    private final Clock clock;
    private final Duration skew;
    private final ConcurrentHashMap<AccountId, Object> locks = new ConcurrentHashMap<>();

    public AccessTokens(TokenStore tokens, AccountStore accounts, Platforms platforms, Clock clock, Duration skew) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.platforms = platforms;
        this.clock = clock;
        this.skew = skew;
    }

    public AccessTokens(TokenStore tokens, AccountStore accounts, Platforms platforms, Clock clock) {
        this(tokens, accounts, platforms, clock, TokenSet.DEFAULT_REFRESH_SKEW);
    }

    /**
     * Runs a platform request with a valid token; when the platform answers 401, refreshes once and repeats the
     * request once.
     */
    public <T> T call(AccountId account, Function<String, T> request) {
        String token = current(account);
        try {
            return request.apply(token);
        } catch (PlatformException.Unauthorized refused) {
            String fresh = refreshRejected(account, token);
            try {
                return request.apply(fresh);
            } catch (PlatformException.Unauthorized again) {
                markReconnectNeeded(account);
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the platform refused the"
                        + " account's access even after a refresh; connect " + account + " again", again);
            }
        }
    }

    /** A token with more than the skew left, refreshing first when needed. */
    public String current(AccountId account) {
        TokenSet stored = stored(account);
        if (!stored.needsRefresh(clock.instant(), skew)) {
            return stored.accessToken();
        }
        return refresh(account, stored.accessToken());
    }

    /** The platform refused {@code rejected}: refresh unless another worker already has. */
    String refreshRejected(AccountId account, String rejected) {
        return refresh(account, rejected);
    }

    private String refresh(AccountId account, String stale) {
        synchronized (locks.computeIfAbsent(account, key -> new Object())) {
            TokenSet before = stored(account);
            if (!before.accessToken().equals(stale) && !before.needsRefresh(clock.instant(), skew)) {
                return before.accessToken();
            }
            if (accounts.find(account).map(a -> a.status() == AccountStatus.NEEDS_RECONNECT).orElse(false)) {
                // The chain is known to be lost: asking the platform again would only fail again.
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the account " + account
                        + " must be connected again");
            }
            if (!before.canRefresh()) {
                markReconnectNeeded(account);
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the access of " + account
                        + " expired and the platform gave no refresh token; connect it again");
            }
            var authorizer = platforms.of(account).authorizer();
            try {
                TokenSet after = tokens.refreshExclusively(account, current -> {
                    // Another instance may have refreshed while we waited for the hold.
                    if (!current.accessToken().equals(stale) && !current.needsRefresh(clock.instant(), skew)) {
                        return current;
                    }
                    return authorizer.refresh(current);
                });
                return after.accessToken();
            } catch (PlatformException.InvalidRequest | PlatformException.Unauthorized refused) {
                return afterRefusedRefresh(account, before, refused);
            } catch (NoSuchElementException gone) {
                throw notConnected(account);
            }
        }
    }

    /** A refresh token refused: if someone else rotated meanwhile use theirs, else the chain is lost. */
    private String afterRefusedRefresh(AccountId account, TokenSet tried, PlatformException refused) {
        TokenSet now = stored(account);
        if (!now.sameTokensAs(tried) && !now.needsRefresh(clock.instant(), skew)) {
            return now.accessToken();
        }
        markReconnectNeeded(account);
        throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the platform no longer accepts the"
                + " saved authorization of " + account + " (" + refused.getMessage() + "); connect it again",
                refused);
    }

    private TokenSet stored(AccountId account) {
        return tokens.find(account).orElseThrow(() -> notConnected(account));
    }

    private OutpostException notConnected(AccountId account) {
        return new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "no tokens are stored for " + account
                + "; connect the account first");
    }

    private void markReconnectNeeded(AccountId account) {
        accounts.updateStatus(account, AccountStatus.NEEDS_RECONNECT);
    }
}
