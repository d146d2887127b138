package dev.outpost.storage;

/** The settings keys the storage plugins read, in one place for the README and the apps' help. */
public final class StorageSettings {
    /** PostgreSQL's JDBC URL, such as {@code jdbc:postgresql://db.example:5432/outpost}. */
    public static final String JDBC_URL = "OUTPOST_JDBC_URL";
    public static final String JDBC_USER = "OUTPOST_JDBC_USER";
    /** Never logged nor shown in messages. */
    public static final String JDBC_PASSWORD = "OUTPOST_JDBC_PASSWORD";
    /** Connections per instance (default 8 for PostgreSQL, 4 for H2). */
    public static final String POOL_SIZE = "OUTPOST_JDBC_POOL_SIZE";
    /** Base64 of 32 random bytes; when absent, the key file {@code secret.key} in the data directory is used. */
    public static final String SECRET_KEY = SecretKeySource.SECRET_KEY;
    public static final String JOB_POLL_INTERVAL = JobSettings.POLL_INTERVAL;
    public static final String JOB_HEARTBEAT_INTERVAL = JobSettings.HEARTBEAT_INTERVAL;
    public static final String JOB_RETRY_DELAY = JobSettings.RETRY_DELAY;
    public static final String JOB_THREADS = JobSettings.THREADS;

    private StorageSettings() {
    }

    static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }
}
