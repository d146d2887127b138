package dev.outpost.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;

/** Connection pools for the plugins, with the errors people see when the database cannot be reached. */
final class Pools {
    private Pools() {
    }

    static HikariDataSource open(String name, String driverClass, String jdbcUrl, String user, String password,
            int size, String describedAs) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDriverClassName(driverClass);
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        return open(hikari, name, size, describedAs);
    }

    /** A pool over connections that {@code connections} makes. */
    static HikariDataSource open(String name, javax.sql.DataSource connections, int size, String describedAs) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(connections);
        return open(hikari, name, size, describedAs);
    }

    private static HikariDataSource open(HikariConfig hikari, String name, int size, String describedAs) {
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        for (int attempt = 1; ; attempt++) {
            try {
                return new HikariDataSource(hikari);
            } catch (RuntimeException e) {
                if (attempt >= OPEN_ATTEMPTS || !isOpeningRace(e)) {
                    throw new StorageException("Cannot open " + describedAs + ": " + rootMessage(e), e);
                }
                pause(attempt);
            }
        }
    }

    /** H2 in mixed mode: processes opening one file at the same instant race for its lock file; the loser retries. */
    private static final int OPEN_ATTEMPTS = 8;

    private static boolean isOpeningRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // H2's "Error opening database" (lock file recently modified, another process was faster) and
            // "database may be already in use".
            if (t instanceof java.sql.SQLException sql && (sql.getErrorCode() == 8000 || sql.getErrorCode() == 90020)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(2_000, 100L << attempt);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(50, ceiling));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while opening the database", interrupted);
        }
    }

    static int poolSize(StorageConfig config, int fallback) {
        int size;
        try {
            size = config.setting(StorageSettings.POOL_SIZE)
                    .map(v -> StorageSettings.integer(StorageSettings.POOL_SIZE, v))
                    .orElse(fallback);
        } catch (IllegalArgumentException e) {
            throw new StorageException(e.getMessage(), e);
        }
        if (size < 2) {
            // A refresh holds one connection while the platform answers; the rest of the app needs another.
            throw new StorageException(StorageSettings.POOL_SIZE + " must be at least 2, not " + size);
        }
        return size;
    }

    static Path dataDirectory(StorageConfig config) {
        Path dir = config.dataDirectory().toAbsolutePath();
        try {
            return HomeFiles.createPrivateDirectory(dir);
        } catch (IOException e) {
            throw new StorageException("Cannot create the data directory " + dir + ": " + Problems.describe(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.sql.SQLException sql) {
            return Problems.describe(sql);
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
