package dev.outpost.storage;

import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;

/** Two instances on one H2 file: each with its own pool and scheduler, as the CLI and the web app run. */
class H2TwoInstancesTest extends TwoInstancesContract {
    private static Path dataDir;

    @BeforeAll
    static void createDirectory() throws IOException {
        dataDir = Files.createTempDirectory("outpost-two-h2");
    }

    @Override
    protected Stores openInstance(Clock clock) {
        return TestStores.h2(dataDir, clock);
    }
}
