package dev.outpost.ports.platform;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.PlatformRules;

/**
 * What posts of a platform may carry, per account: a platform of many servers reads each server's own limits (and
 * caches them); others answer the same for every account. Thread-safe.
 */
public interface Rulebook {
    /**
     * The rules for posts of {@code account}. May ask the platform (and should cache the answer); falls back to
     * {@link #defaults()} when the platform cannot be asked.
     */
    PlatformRules rules(Account account);

    /** The rules when no account is chosen yet, or known: the platform's stock limits. */
    PlatformRules defaults();

    /** Forgets what is cached for the account's server, after the platform refused a post for a limit. */
    default void forget(Account account) {
    }
}
