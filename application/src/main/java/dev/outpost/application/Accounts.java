package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.ports.storage.AccountStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The connected accounts as the user sees them: listed, found, chosen by what the user typed. */
public final class Accounts {
    private final AccountStore store;
    private final Platforms platforms;

    Accounts(AccountStore store, Platforms platforms) {
        this.store = store;
        this.platforms = platforms;
    }

    /** Every connected account, ordered by platform then handle. */
    public List<Account> list() {
        return store.list();
    }

    public Optional<Account> find(AccountId id) {
        return store.find(id);
    }

    /** @throws OutpostException INVALID_INPUT when there is no such account */
    public Account get(AccountId id) {
        return store.find(id).orElseThrow(() -> OutpostException.invalid("account", "no connected account " + id
                + "; see the list of accounts or connect one"));
    }

    /**
     * The account the user means: a handle ({@code @name} or {@code name}), an id, or nothing when exactly one is
     * connected.
     *
     * @throws OutpostException RECONNECT_NEEDED when none is connected, INVALID_INPUT when the name matches none, or
     *     several are connected and none was named
     */
    public Account choose(String name) {
        List<Account> all = store.list();
        if (name == null || name.isBlank()) {
            if (all.isEmpty()) {
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "no account is connected yet;"
                        + " connect one first (platforms: " + platforms.ids() + ")");
            }
            if (all.size() > 1) {
                throw OutpostException.invalid("account", "several accounts are connected (" + handles(all)
                        + "); choose one");
            }
            return all.get(0);
        }
        String wanted = name.trim();
        String handle = (wanted.startsWith("@") ? wanted.substring(1) : wanted).toLowerCase(Locale.ROOT);
        List<Account> matches = all.stream().filter(a -> a.id().value().equals(wanted)
                || a.handle().toLowerCase(Locale.ROOT).equals(handle)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw OutpostException.invalid("account", "no connected account is called '" + wanted + "'"
                    + (all.isEmpty() ? "; connect one first" : "; connected: " + handles(all)));
        }
        throw OutpostException.invalid("account", "'" + wanted + "' is the handle of several accounts ("
                + matches.stream().map(a -> a.id().value()).collect(Collectors.joining(", ")) + "); give the id");
    }

    /** Whether the storage answers; for health checks. */
    public boolean storageAnswers() {
        store.list();
        return true;
    }

    private static String handles(List<Account> accounts) {
        return accounts.stream().map(a -> "@" + a.handle() + " (" + a.id() + ")").collect(Collectors.joining(", "));
    }
}
