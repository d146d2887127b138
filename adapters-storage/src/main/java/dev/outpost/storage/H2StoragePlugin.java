package dev.outpost.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.nio.file.Path;

/**
 * One H2 file database, {@code outpost.mv.db} in the data directory ({@code OUTPOST_STORAGE=h2}; the default before
 * {@link SqliteStoragePlugin}, which moves such a database in at its first start). It is opened in H2's automatic
 * mixed mode, so the CLI and the web app can use it at the same time: the first process serves the file to the
 * others over a loopback port, and another takes over when it exits (a hand-over that processes starting or
 * stopping at that moment can lose: SQLite has no such moment).
 */
public final class H2StoragePlugin implements StoragePlugin {
    public static final String ID = "h2";
    static final String DATABASE_NAME = "outpost";
    /** How long a statement waits for a row lock, such as a refresh another process holds while X answers. */
    private static final int LOCK_TIMEOUT_MILLIS = 120_000;

    public H2StoragePlugin() {
        // found through ServiceLoader
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Stores open(StorageConfig config) {
        Path dir = Pools.dataDirectory(config);
        String url = jdbcUrl(dir);
        HikariDataSource pool = Pools.open("outpost-h2", "org.h2.Driver", url, "sa", "",
                Pools.poolSize(config, 4), "the H2 database in " + dir);
        Stores stores = JdbcStores.open(pool, config, "H2 database in " + dir, Dialect.H2);
        HomeFiles.restrict(dir.resolve(DATABASE_NAME + ".mv.db"));
        return stores;
    }

    /**
     * The URL of the database in {@code dir}, for tools such as H2's shell during a backup. AUTO_SERVER lets the CLI
     * and the web app share the file; WRITE_DELAY=0 makes a commit durable at once (a killed process loses nothing
     * it reported saved). (H2 refuses DB_CLOSE_ON_EXIT=FALSE beside AUTO_SERVER, so its own shutdown hook may close
     * the database before an app's: a stopped run's claim then lapses after its lease instead of being released.)
     */
    public static String jdbcUrl(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(DATABASE_NAME) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT="
                + LOCK_TIMEOUT_MILLIS;
    }
}
