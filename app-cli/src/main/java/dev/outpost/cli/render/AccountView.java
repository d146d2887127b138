package dev.outpost.cli.render;

import dev.outpost.domain.account.Account;
import java.util.Locale;

/**
 * A connected account as {@code --json} prints it. Never carries a credential.
 *
 * @param server where the account lives, for a platform of many servers; null for a platform with one
 */
public record AccountView(String id, String platform, String handle, String name, String server, String status,
        String connectedAt) {
    public static AccountView of(Account account) {
        return new AccountView(account.id().value(), account.platformId(), account.handle(), account.displayName(),
                account.home().map(Object::toString).orElse(null), account.status().name().toLowerCase(Locale.ROOT),
                account.connectedAt().toString());
    }

    /** One line of {@code accounts list}. */
    public String line() {
        return String.format(Locale.ROOT, "%-20s %-28s %-16s %s", "@" + handle, id, status.replace('_', ' '),
                name + (server == null ? "" : " (" + server + ")"));
    }
}
