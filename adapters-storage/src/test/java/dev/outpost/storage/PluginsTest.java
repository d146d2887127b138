package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the apps find the plugins, and what people read when a database cannot be opened. */
class PluginsTest {
    @TempDir
    Path dataDir;

    @Test
    void everyPluginIsFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(StoragePlugin.class).stream().map(p -> p.get().id()))
                .containsExactlyInAnyOrder("sqlite", "h2", "postgres");
    }

    @Test
    void sqliteCreatesItsDatabaseInADataDirectoryOnlyItsOwnerCanEnter() throws IOException {
        Path home = dataDir.resolve("parent").resolve("new-home");
        try (Stores stores = new SqliteStoragePlugin().open(new StorageConfig(home, Map.of(),
                FakeClock.standard()))) {
            assertThat(stores.accounts().list()).isEmpty();
            assertThat(mode(home.resolve("outpost.db-wal"))).as("the log while open").isEqualTo("rw-------");
            assertThat(mode(home.resolve("outpost.db-shm"))).isEqualTo("rw-------");
        }
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.getParent())).as("a parent it created").isEqualTo("rwx------");
        assertThat(mode(home.resolve("outpost.db"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("outpost.db-lock"))).isEqualTo("rw-------");
        assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(home.resolve("outpost.db.new")).doesNotExist();
        assertThat(home.resolve("outpost.mv.db")).doesNotExist();
    }

    @Test
    void sqliteLeavesTheModeOfADirectoryThatExistsAsItIs() throws IOException {
        Path home = Files.createDirectories(dataDir.resolve("shared"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));
        new SqliteStoragePlugin().open(new StorageConfig(home, Map.of(), FakeClock.standard())).close();
        assertThat(mode(home)).isEqualTo("rwxr-x---");
        assertThat(mode(home.resolve("outpost.db"))).isEqualTo("rw-------");
    }

    @Test
    void h2AndPostgresCreateTheDataDirectoryPrivateToo() throws IOException {
        Path home = dataDir.resolve("h2-home");
        new H2StoragePlugin().open(new StorageConfig(home, Map.of(), FakeClock.standard())).close();
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void h2CreatesItsDatabaseFileInTheDataDirectory() {
        Path home = dataDir.resolve("new-home");
        try (Stores stores = new H2StoragePlugin().open(new StorageConfig(home, Map.of(),
                FakeClock.standard()))) {
            assertThat(stores.accounts().list()).isEmpty();
        }
        assertThat(home.resolve("outpost.mv.db")).isRegularFile();
        assertThat(home.resolve("secret.key")).isRegularFile();
    }

    @Test
    void postgresWithoutAUrlSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> new PostgresStoragePlugin().open(new StorageConfig(dataDir, Map.of(),
                FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("OUTPOST_JDBC_URL");
    }

    @Test
    void anUnreachablePostgresIsReportedWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/outpost?password=pw-in-url-93kd";
        Map<String, String> settings = Map.of(StorageSettings.JDBC_URL, url, StorageSettings.JDBC_USER, "outpost",
                StorageSettings.JDBC_PASSWORD, "pw-setting-5hq2", StorageSettings.SECRET_KEY, TestStores.KEY);

        assertThatThrownBy(() -> new PostgresStoragePlugin().open(new StorageConfig(dataDir, settings,
                FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort + "/outpost")
                .hasMessageNotContaining("pw-in-url-93kd")
                .hasMessageNotContaining("pw-setting-5hq2");
    }

    @Test
    void aBadJobSettingIsRefusedBeforeTheDatabaseIsTouched() {
        Path home = dataDir.resolve("untouched");
        assertThatThrownBy(() -> new H2StoragePlugin().open(new StorageConfig(home,
                Map.of(StorageSettings.JOB_POLL_INTERVAL, "5 seconds"), FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("OUTPOST_JOB_POLL_INTERVAL");
        assertThat(Files.exists(home.resolve("secret.key"))).isFalse();
        assertThatThrownBy(() -> new SqliteStoragePlugin().open(new StorageConfig(home,
                Map.of(StorageSettings.JOB_POLL_INTERVAL, "5 seconds"), FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("OUTPOST_JOB_POLL_INTERVAL");
        assertThat(Files.exists(home.resolve("secret.key"))).isFalse();
        assertThat(Files.exists(home.resolve("outpost.db"))).isFalse();
    }

    @Test
    void aPoolSizeThatIsNotANumberOrTooSmallIsRefused() {
        assertThatThrownBy(() -> new H2StoragePlugin().open(new StorageConfig(dataDir,
                Map.of(StorageSettings.POOL_SIZE, "many"), FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("OUTPOST_JDBC_POOL_SIZE");
        assertThatThrownBy(() -> new H2StoragePlugin().open(new StorageConfig(dataDir,
                Map.of(StorageSettings.POOL_SIZE, "1"), FakeClock.standard())))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("at least 2");
    }
}
