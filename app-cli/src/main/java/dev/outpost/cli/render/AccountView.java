package dev.outpost.cli.render;

import dev.outpost.domain.account.Account;
import java.util.Locale;

/** A connected account as {@code --json} prints it. Never carries a token. */
public record AccountView(String id, String platform, String handle, String name, String status,
        String connectedAt) {
    public static AccountView of(Account account) {
        return new AccountView(account.id().value(), account.platformId(), account.handle(), account.displayName(),
                account.status().name().toLowerCase(Locale.ROOT), account.connectedAt().toString());
    }

    /** One line of {@code accounts list}. */
    public String line() {
        return String.format(Locale.ROOT, "%-20s %-28s %-16s %s", "@" + handle, id, status.replace('_', ' '), name);
    }
}
