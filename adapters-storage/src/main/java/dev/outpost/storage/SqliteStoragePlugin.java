package dev.outpost.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The default storage: one SQLite file, {@code outpost.db} in the data directory, in write-ahead-log mode, which is
 * made for many processes on one file: readers never wait, and writers take turns (a writer waits up to
 * {@link #BUSY_TIMEOUT_MILLIS} for another's transaction to end; nobody serves the file for anybody, so no process
 * depends on another staying up). Every transaction that writes begins by taking the write lock, so two cannot
 * deadlock by upgrading their reads; each commit is synced to disk before it returns.
 *
 * <p>A new database is prepared under another name (schema, and an H2 database found in the same directory moved
 * in, see {@link H2Import}) and renamed into place complete, while other processes opening the directory wait on
 * the lock file {@code outpost.db-lock}; that file also holds token refreshes ({@link FileLocks}).
 */
public final class SqliteStoragePlugin implements StoragePlugin {
    public static final String ID = "sqlite";
    static final String FILE_NAME = "outpost.db";
    static final String LOCK_FILE_NAME = "outpost.db-lock";
    /** How long a statement waits for another process's write transaction to end. */
    static final int BUSY_TIMEOUT_MILLIS = 120_000;
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};

    public SqliteStoragePlugin() {
        // found through ServiceLoader
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Stores open(StorageConfig config) {
        JdbcStores.checkSettings(config);
        int poolSize = Pools.poolSize(config, 4);
        Path dir = Pools.dataDirectory(config);
        Path file = dir.resolve(FILE_NAME);
        usable(dir, file);
        FileLocks locks = FileLocks.open(dir.resolve(LOCK_FILE_NAME));
        try {
            if (!Files.exists(file)) {
                locks.holding(FileLocks.OPENING, () -> {
                    if (!Files.exists(file)) {
                        create(file, config);
                    }
                    return null;
                });
            }
            String what = "SQLite database " + file;
            HikariDataSource pool = Pools.open("outpost-sqlite", connections(file), poolSize, "the " + what);
            return JdbcStores.open(pool, config, what, Dialect.SQLITE, locks);
        } catch (RuntimeException e) {
            locks.close();
            throw e;
        }
    }

    /**
     * Gives the driver a temporary directory of this process's own for its native library, unless the launcher
     * already pointed it at an extracted copy ({@code org.sqlite.lib.path}) or a directory was chosen. The driver
     * extracts the library at each start and, first, deletes other processes' copies that look abandoned; in a
     * shared directory, processes starting and stopping together trip over each other's copies (and log errors).
     */
    static synchronized void privateNativeLibraryDirectory() {
        if (System.getProperty("org.sqlite.lib.path") != null || System.getProperty("org.sqlite.tmpdir") != null) {
            return;
        }
        try {
            Path own = Files.createTempDirectory("outpost-sqlite-");
            own.toFile().deleteOnExit(); // registered first, so deleted after the library the driver puts in it
            System.setProperty("org.sqlite.tmpdir", own.toString());
        } catch (IOException | SecurityException e) {
            // The driver's default directory still works.
        }
    }

    /**
     * Refuses, in plain words, a data directory or database this user may not read and write (SQLite itself would
     * say little more than that it cannot open a file, and an unreadable directory looks empty).
     */
    private static void usable(Path dir, Path file) {
        if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
            throw new StorageException("Cannot use the data directory " + dir + ": permission denied (it must be"
                    + " readable and writable by this user; check its owner and permissions, or set OUTPOST_HOME)");
        }
        if (Files.exists(file) && (!Files.isReadable(file) || !Files.isWritable(file))) {
            throw new StorageException("Cannot open the SQLite database " + file + ": permission denied (it must be"
                    + " readable and writable by this user; check its owner and permissions)");
        }
    }

    /** Connections to {@code file} as every Outpost process opens them. */
    static SQLiteDataSource connections(Path file) {
        privateNativeLibraryDirectory();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }

    /**
     * Makes the database under a temporary name (mode 0600; its log files take the same mode), with the schema and
     * whatever an H2 database in the directory holds, then renames it into place: the file exists only complete.
     */
    private static void create(Path file, StorageConfig config) {
        Path dir = file.getParent();
        Path temporary = dir.resolve(FILE_NAME + ".new");
        String what = "SQLite database " + file;
        try {
            deleteWithCompanions(temporary); // left by a run killed while preparing it
            HomeFiles.createPrivateFile(temporary);
            SQLiteDataSource connections = connections(temporary);
            try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL"); // stored in the file: every later connection finds it
            }
            Migrations.bringUpToDate(connections, Dialect.SQLITE.migrations(), what);
            boolean imported = H2Import.present(dir) && H2Import.copyInto(dir, config, connections);
            checkpoint(connections, temporary);
            deleteWithCompanions(file);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            if (imported) {
                H2Import.setAside(dir);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("Cannot create the " + what + ": " + Problems.describe(e), e);
        } catch (SQLException e) {
            deleteQuietly(temporary);
            throw new StorageException("Cannot create the " + what + ": " + Problems.describe(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            deleteWithCompanions(temporary);
        } catch (IOException e) {
            // The next open deletes it before it starts again.
        }
    }

    /**
     * Writes the log into the database file, so the file is complete on its own when renamed (the last connection to
     * close removes the log; this makes sure nothing is left in it).
     */
    private static void checkpoint(SQLiteDataSource connections, Path temporary) throws SQLException, IOException {
        try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Path log = temporary.resolveSibling(temporary.getFileName() + "-wal");
        if (Files.exists(log) && Files.size(log) > 0) {
            throw new IOException("its write-ahead log " + log + " was not emptied");
        }
    }

    private static void deleteWithCompanions(Path file) throws IOException {
        for (String suffix : COMPANIONS) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        Files.deleteIfExists(file);
    }
}
