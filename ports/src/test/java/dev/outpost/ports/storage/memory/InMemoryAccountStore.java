package dev.outpost.ports.storage.memory;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.storage.AccountStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link AccountStore} in a map, for tests of the core. Thread-safe. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<AccountId, Account> accounts = new HashMap<>();

    @Override
    public synchronized void save(Account account) {
        accounts.put(Objects.requireNonNull(account, "account").id(), account);
    }

    @Override
    public synchronized Optional<Account> find(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public synchronized Optional<Account> findByHandle(String platformId, String handle) {
        String key = handleKey(handle);
        return accounts.values().stream()
                .filter(a -> a.platformId().equals(platformId) && handleKey(a.handle()).equals(key))
                .findFirst();
    }

    @Override
    public synchronized List<Account> list() {
        return accounts.values().stream()
                .sorted(Comparator.comparing(Account::platformId)
                        .thenComparing(a -> handleKey(a.handle()))
                        .thenComparing(a -> a.id().value()))
                .toList();
    }

    @Override
    public synchronized boolean updateStatus(AccountId id, AccountStatus status) {
        Account current = accounts.get(id);
        if (current == null) {
            return false;
        }
        accounts.put(id, current.withStatus(status));
        return true;
    }

    @Override
    public synchronized boolean delete(AccountId id) {
        return accounts.remove(id) != null;
    }

    /** How handles compare: without a leading {@code @}, case-insensitively. */
    public static String handleKey(String handle) {
        String h = handle.strip();
        return (h.startsWith("@") ? h.substring(1) : h).toLowerCase(Locale.ROOT);
    }
}
