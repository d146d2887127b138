package dev.outpost.ports.storage.memory;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.storage.TokenStore;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TokenStore} in a map, for tests of the core. Thread-safe: reads and swaps are atomic, and
 * {@link #refreshExclusively} holds a per-account lock for the whole step, as a real store holds a row lock.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final Map<AccountId, TokenSet> tokens = new HashMap<>();
    private final Map<AccountId, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<TokenSet> find(AccountId account) {
        return Optional.ofNullable(tokens.get(account));
    }

    @Override
    public synchronized TokenSet put(AccountId account, TokenSet next) {
        TokenSet current = tokens.get(account);
        TokenSet stored = next.withVersion(current == null ? 1 : current.version() + 1);
        tokens.put(account, stored);
        return stored;
    }

    @Override
    public synchronized Optional<TokenSet> compareAndSwap(AccountId account, long expectedVersion, TokenSet next) {
        TokenSet current = tokens.get(account);
        if (current == null || current.version() != expectedVersion) {
            return Optional.empty();
        }
        TokenSet stored = next.withVersion(expectedVersion + 1);
        tokens.put(account, stored);
        return Optional.of(stored);
    }

    @Override
    public TokenSet refreshExclusively(AccountId account, Refresh refresh) {
        ReentrantLock lock = refreshLocks.computeIfAbsent(account, a -> new ReentrantLock());
        lock.lock();
        try {
            TokenSet current = find(account).orElseThrow(() -> new NoSuchElementException(
                    "account " + account + " has no tokens to refresh"));
            TokenSet next = refresh.apply(current);
            if (next == current || next.equals(current)) {
                return current;
            }
            // A plain put would ignore a concurrent put or delete; the swap makes that visible instead.
            return compareAndSwap(account, current.version(), next).orElseThrow(() -> new IllegalStateException(
                    "the tokens of " + account + " changed outside the refresh hold"));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void delete(AccountId account) {
        tokens.remove(account);
    }
}
