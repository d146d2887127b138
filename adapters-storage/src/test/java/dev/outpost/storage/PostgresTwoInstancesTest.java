package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one PostgreSQL database, each with its own data directory, pool and scheduler. */
class PostgresTwoInstancesTest extends TwoInstancesContract {
    private static String url;
    @TempDir
    static Path dataDirs;
    private static int instances;

    @BeforeAll
    static void createDatabase() {
        url = TestPostgres.newDatabase();
    }

    @Override
    protected Stores openInstance(Clock clock) {
        return TestStores.postgres(dataDirs.resolve("instance-" + ++instances), url, clock);
    }
}
