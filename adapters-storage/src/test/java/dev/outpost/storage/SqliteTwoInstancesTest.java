package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one SQLite file, each with its own pool and scheduler, as the CLI and the web app run. */
class SqliteTwoInstancesTest extends TwoInstancesContract {
    @TempDir
    static Path dataDir;

    @Override
    protected Stores openInstance(Clock clock) {
        return TestStores.sqlite(dataDir, clock);
    }
}
