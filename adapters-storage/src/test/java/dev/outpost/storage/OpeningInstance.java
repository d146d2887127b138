package dev.outpost.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * A process that opens the storage ({@code h2} or {@code sqlite}) at a given instant, writes one account and closes:
 * for OpeningRaceTest. Arguments: data directory, start instant (epoch milliseconds), name, secret key, technology.
 */
public final class OpeningInstance {
    private OpeningInstance() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long startAtMillis = Long.parseLong(args[1]);
        String name = args[2];
        // Line the processes up so they open the file in the same instant, as a script's parallel runs do.
        Thread.sleep(Math.max(0, startAtMillis - System.currentTimeMillis()));
        StoragePlugin plugin = args.length > 4 && args[4].equals("sqlite") ? new SqliteStoragePlugin()
                : new H2StoragePlugin();
        try (Stores stores = plugin.open(new StorageConfig(dir, Map.of("OUTPOST_SECRET_KEY", args[3]),
                Clock.systemUTC()))) {
            stores.accounts().save(new Account(new AccountId("x:" + name), name, name, name, AccountStatus.CONNECTED,
                    Instant.parse("2026-01-01T00:00:00Z")));
            // Stay until the others have opened too: the race under test is the opening. (With H2, a process that
            // serves the file and exits while another is mid-operation breaks that one: H2's known weakness, the
            // reason SQLite is the default; OpeningRaceTest's own H2 case is about opening.)
            Thread.sleep(Math.max(0, startAtMillis + 5_000 - System.currentTimeMillis()));
        }
        System.out.println("opened " + name);
    }
}
