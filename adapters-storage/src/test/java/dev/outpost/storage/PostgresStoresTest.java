package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract against a real PostgreSQL (one fresh database for the class). */
class PostgresStoresTest extends StoresContractSuite {
    @TempDir
    static Path dataDir;
    private String url;

    @Override
    Stores open(Clock clock) {
        if (url == null) {
            url = TestPostgres.newDatabase();
        }
        return TestStores.postgres(dataDir, url, clock);
    }
}
