package dev.outpost.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;

/**
 * PostgreSQL, for several instances sharing one database: {@code OUTPOST_JDBC_URL}, {@code OUTPOST_JDBC_USER},
 * {@code OUTPOST_JDBC_PASSWORD} and optionally {@code OUTPOST_JDBC_POOL_SIZE}. Every instance must use the same
 * {@code OUTPOST_SECRET_KEY}.
 */
public final class PostgresStoragePlugin implements StoragePlugin {
    public static final String ID = "postgres";

    public PostgresStoragePlugin() {
        // found through ServiceLoader
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Stores open(StorageConfig config) {
        String url = config.setting(StorageSettings.JDBC_URL).orElseThrow(() -> new StorageException(
                "PostgreSQL storage needs " + StorageSettings.JDBC_URL + ", such as"
                        + " jdbc:postgresql://localhost:5432/outpost"));
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StorageException(StorageSettings.JDBC_URL + " must start with jdbc:postgresql:, not "
                    + redacted(url));
        }
        Pools.dataDirectory(config);
        String where = "PostgreSQL at " + redacted(url);
        HikariDataSource pool = Pools.open("outpost-postgres", "org.postgresql.Driver", url,
                config.setting(StorageSettings.JDBC_USER).orElse(null),
                config.setting(StorageSettings.JDBC_PASSWORD).orElse(null), Pools.poolSize(config, 8), where);
        return JdbcStores.open(pool, config, where, Dialect.POSTGRES);
    }

    /** The URL without its parameters, which may carry a password. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }
}
