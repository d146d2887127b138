package dev.outpost.ports.platform;

import dev.outpost.domain.account.AccountId;
import java.util.Objects;

/**
 * A valid bearer token for one account, as handed to a platform's transport and publisher. Its {@link #toString()}
 * never shows the token.
 */
public record AccessToken(AccountId account, String value) {
    public AccessToken {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AccessToken[account=" + account + ", value=***]";
    }
}
