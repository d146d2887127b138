package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract against an H2 file database. */
class H2StoresTest extends StoresContractSuite {
    @TempDir
    static Path dataDir;

    @Override
    Stores open(Clock clock) {
        return TestStores.h2(dataDir, clock);
    }
}
