package dev.outpost.ports.platform;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.auth.TokenSet;
import java.util.Objects;

/**
 * What every request of a plugin on behalf of an account receives: the account (its id, handle and server) and its
 * current credentials, valid when handed out. Its {@link #toString()} never shows a secret.
 */
public record AccountAccess(Account account, TokenSet credentials) {
    public AccountAccess {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The bearer token, for plugins that need no more. */
    public String accessToken() {
        return credentials.accessToken();
    }

    @Override
    public String toString() {
        return "AccountAccess[account=" + account.id() + ", credentials=***]";
    }
}
