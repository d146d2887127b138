package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.domain.account.Account;
import dev.outpost.ports.storage.AccountStore;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds the account a command means: {@code --account} as a handle ({@code @name} or {@code name}) or an id. */
final class AccountChooser {
    private AccountChooser() {
    }

    /**
     * @param name what the user typed, or null to take the only connected account
     * @throws OutpostException RECONNECT_NEEDED when none is connected, INVALID_INPUT when the name matches none or
     *     several are connected and none was named
     */
    static Account choose(AccountStore accounts, String name) {
        List<Account> all = accounts.list();
        if (name == null || name.isBlank()) {
            if (all.isEmpty()) {
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "no account is connected yet;"
                        + " connect one with `outpost accounts add x` (or try it all with --sandbox)");
            }
            if (all.size() > 1) {
                throw OutpostException.invalid("account", "several accounts are connected (" + handles(all)
                        + "); choose one with --account");
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
                    + (all.isEmpty() ? "; connect one with `outpost accounts add x`" : "; connected: " + handles(all)));
        }
        throw OutpostException.invalid("account", "'" + wanted + "' is the handle of several accounts ("
                + matches.stream().map(a -> a.id().value()).collect(Collectors.joining(", ")) + "); give the id");
    }

    private static String handles(List<Account> accounts) {
        return accounts.stream().map(a -> "@" + a.handle()).collect(Collectors.joining(", "));
    }
}
