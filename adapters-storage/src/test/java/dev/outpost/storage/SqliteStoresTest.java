package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract against the SQLite file database, the embedded default. */
class SqliteStoresTest extends StoresContractSuite {
    @TempDir
    static Path dataDir;

    @Override
    Stores open(Clock clock) {
        return TestStores.sqlite(dataDir, clock);
    }
}
