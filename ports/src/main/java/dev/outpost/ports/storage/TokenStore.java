package dev.outpost.ports.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import java.util.Optional;

/**
 * Keeps each account's token set. Because every refresh rotates the refresh token, a token set is only ever
 * replaced whole, and only by the one writer holding the latest version.
 *
 * <p>Thread-safe; shared by every instance using the same storage. Implementations keep tokens encrypted at rest
 * where they persist them, and never log them.
 */
public interface TokenStore {
    /** The account's current token set with its stored version, or empty when it has none. */
    Optional<TokenSet> find(AccountId account);

    /**
     * Stores a first (or a fresh, after reconnecting) token set for an account, replacing any other.
     *
     * @return the stored set, its version one above the replaced set's (1 for a first set)
     */
    TokenSet put(AccountId account, TokenSet tokens);

    /**
     * Replaces the account's token set only when the stored version is still {@code expectedVersion}.
     *
     * @return the stored set with version {@code expectedVersion + 1}, or empty when another writer got there first
     *     (or the account has no tokens)
     */
    Optional<TokenSet> compareAndSwap(AccountId account, long expectedVersion, TokenSet next);

    /**
     * Runs one refresh of the account's tokens while holding its refresh exclusively, across threads, processes and
     * instances sharing this store. {@code refresh} receives the token set as stored when the hold was taken; it
     * returns either that same set (someone else already refreshed it: nothing is written) or the new set the
     * platform issued, which is stored, version incremented, before the hold is released and before this method
     * returns. If {@code refresh} throws, nothing is written and the exception propagates.
     *
     * @throws java.util.NoSuchElementException when the account has no tokens
     */
    TokenSet refreshExclusively(AccountId account, Refresh refresh);

    /** Forgets the account's tokens; nothing happens when there are none. */
    void delete(AccountId account);

    /** The step {@link #refreshExclusively} runs under the hold. */
    @FunctionalInterface
    interface Refresh {
        /**
         * @param current the stored set, read under the hold
         * @return {@code current} itself to keep it, or a new set (its version is ignored) to store
         */
        TokenSet apply(TokenSet current);
    }
}
