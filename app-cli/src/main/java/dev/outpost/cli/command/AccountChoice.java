package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PlatformCatalog;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.Account;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the account a command means ({@code --account} as a handle or an id) through the core's choice, and when
 * there is none to choose from says which command connects one.
 */
final class AccountChoice {
    private AccountChoice() {
    }

    /**
     * @param name what the user typed, or null to take the only connected account
     * @throws OutpostException RECONNECT_NEEDED when none is connected, INVALID_INPUT when the name matches none or
     *     several are connected and none was named
     */
    static Account choose(OutpostCore core, String name) {
        try {
            return core.accounts().choose(name);
        } catch (OutpostException refused) {
            // Only a failed choice pays for the second look.
            if (!core.accounts().list().isEmpty()) {
                if (name == null || name.isBlank()) {
                    throw new OutpostException(refused.kind(), refused.getMessage() + " with --account",
                            refused.problems().stream().map(p -> new Problem(p.field(),
                                    p.message() + " with --account")).toList(), refused);
                }
                throw refused;
            }
            if (name == null || name.isBlank()) {
                throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "no account is connected yet;"
                        + " connect one with " + connectCommand(core) + " (or try it all with --sandbox)", refused);
            }
            throw OutpostException.invalid("account", "no connected account is called '" + name.trim()
                    + "'; connect one with " + connectCommand(core));
        }
    }

    /** {@code `outpost accounts add x`}, or with a placeholder and the choices when there are several platforms. */
    static String connectCommand(OutpostCore core) {
        List<String> ids = core.platforms().platforms().stream().map(PlatformCatalog.PlatformInfo::id).toList();
        return ids.size() == 1 ? "`outpost accounts add " + ids.get(0) + "`"
                : "`outpost accounts add PLATFORM` (" + ids.stream().collect(Collectors.joining(", ")) + ")";
    }
}
