package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;

/** Two instances on one PostgreSQL database, each with its own data directory, pool and scheduler. */
class PostgresTwoInstancesTest extends TwoInstancesContract {
    private static String url;

    @BeforeAll
    static void createDatabase() {
        url = TestPostgres.newDatabase();
    }

    @Override
    protected Stores openInstance(Clock clock) {
        try {
            Path ownDirectory = Files.createTempDirectory("outpost-two-pg");
            return TestStores.postgres(ownDirectory, url, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
