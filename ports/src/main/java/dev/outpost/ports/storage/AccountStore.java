package dev.outpost.ports.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import java.util.List;
import java.util.Optional;

/** The accounts the user connected. Thread-safe; never returns null. */
public interface AccountStore {
    /** Inserts or replaces the account with the same id. */
    void save(Account account);

    Optional<Account> find(AccountId id);

    /** Finds by platform and handle, ignoring case and a leading {@code @}. */
    Optional<Account> findByHandle(String platformId, String handle);

    /** All accounts, ordered by platform then handle. */
    List<Account> list();

    /** @return whether an account was changed */
    boolean updateStatus(AccountId id, AccountStatus status);

    /** @return whether an account was deleted */
    boolean delete(AccountId id);
}
