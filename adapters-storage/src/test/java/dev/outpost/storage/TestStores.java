package dev.outpost.storage;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Opens stores the way the apps do, through the plugins, with settings that keep tests quick. */
final class TestStores {
    /** A fixed key for PostgreSQL tests; H2 tests use the generated key file instead. */
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private TestStores() {
    }

    static Map<String, String> quickJobs() {
        Map<String, String> settings = new HashMap<>();
        settings.put(StorageSettings.JOB_POLL_INTERVAL, "PT0.05S");
        settings.put(StorageSettings.JOB_HEARTBEAT_INTERVAL, "PT1S");
        return settings;
    }

    static Stores h2(Path dataDir, Clock clock) {
        return new H2StoragePlugin().open(new StorageConfig(dataDir, quickJobs(), clock));
    }

    static Stores postgres(Path dataDir, String jdbcUrl, Clock clock) {
        Map<String, String> settings = quickJobs();
        settings.put(StorageSettings.JDBC_URL, jdbcUrl);
        settings.put(StorageSettings.JDBC_USER, "postgres");
        settings.put(StorageSettings.SECRET_KEY, KEY);
        return new PostgresStoragePlugin().open(new StorageConfig(dataDir, settings, clock));
    }

    /** Empties every table but the key check, so the next test starts from nothing. */
    static void clear(Stores stores) {
        try (Connection c = ((JdbcStores) stores).dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"publication_media", "publications", "tokens", "accounts",
                    "upload_checkpoints", "pending_authorizations", "secrets", "scheduled_tasks", "web_sessions",
                    "saved_drafts"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the test database", e);
        }
    }
}
