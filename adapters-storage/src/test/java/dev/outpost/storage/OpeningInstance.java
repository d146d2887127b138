package dev.outpost.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** A process that opens the H2 storage at a given instant, writes one account and closes: for OpeningRaceTest. */
public final class OpeningInstance {
    private OpeningInstance() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long startAtMillis = Long.parseLong(args[1]);
        String name = args[2];
        // Line the processes up so they open the file in the same instant, as a script's parallel runs do.
        Thread.sleep(Math.max(0, startAtMillis - System.currentTimeMillis()));
        try (Stores stores = new H2StoragePlugin().open(new StorageConfig(dir,
                Map.of("OUTPOST_SECRET_KEY", args[3]), Clock.systemUTC()))) {
            stores.accounts().save(new Account(new AccountId("x:" + name), name, name, name, AccountStatus.CONNECTED,
                    Instant.parse("2026-01-01T00:00:00Z")));
        }
        System.out.println("opened " + name);
    }
}
