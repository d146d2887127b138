package dev.outpost.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.SecretVault;
import dev.outpost.ports.storage.SessionStore;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StorageException;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.UploadJournal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.UUID;

/** The stores over one pooled database, migrated to the current schema; closing stops the queue, then the pool. */
final class JdbcStores implements Stores {
    private final HikariDataSource pool;
    private final JdbcAccountStore accounts;
    private final JdbcTokenStore tokens;
    private final JdbcUploadJournal uploads;
    private final JdbcPublicationStore publications;
    private final JdbcPendingAuthorizationStore pendingAuthorizations;
    private final JdbcSecretVault secrets;
    private final JdbcSessionStore sessions;
    private final JdbcSavedDraftStore savedDrafts;
    private final DbSchedulerJobQueue jobs;

    private JdbcStores(HikariDataSource pool, TokenCipher cipher, StorageConfig config) {
        this.pool = pool;
        Jdbc jdbc = new Jdbc(pool);
        this.accounts = new JdbcAccountStore(jdbc);
        this.tokens = new JdbcTokenStore(jdbc, cipher);
        this.uploads = new JdbcUploadJournal(jdbc);
        this.publications = new JdbcPublicationStore(jdbc);
        this.pendingAuthorizations = new JdbcPendingAuthorizationStore(jdbc, cipher);
        this.secrets = new JdbcSecretVault(jdbc, cipher);
        this.sessions = new JdbcSessionStore(jdbc);
        this.savedDrafts = new JdbcSavedDraftStore(jdbc);
        this.jobs = new DbSchedulerJobQueue(pool, config.clock(), JobSettings.from(config), instanceName());
    }

    /**
     * Migrates the database behind {@code pool}, checks the secret key and opens the stores. Takes ownership of the
     * pool: it is closed when opening fails.
     */
    static JdbcStores open(HikariDataSource pool, StorageConfig config, String what) {
        try {
            JobSettings.from(config); // fail on a bad setting before touching the database
            Migrations.bringUpToDate(pool, what);
            SecureRandom random = new SecureRandom();
            TokenCipher cipher = SecretKeySource.open(config, new Jdbc(pool), random);
            return new JdbcStores(pool, cipher, config);
        } catch (RuntimeException e) {
            pool.close();
            if (e instanceof IllegalArgumentException) {
                throw new StorageException("Storage settings are wrong: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** A name other instances can read in {@code scheduled_tasks.picked_by}: host, process, and a random part. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The pool, for tests that look at the tables themselves. */
    javax.sql.DataSource dataSource() {
        return pool;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public UploadJournal uploads() {
        return uploads;
    }

    @Override
    public PublicationStore publications() {
        return publications;
    }

    @Override
    public PendingAuthorizationStore pendingAuthorizations() {
        return pendingAuthorizations;
    }

    @Override
    public JobQueue jobs() {
        return jobs;
    }

    @Override
    public SecretVault secrets() {
        return secrets;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public dev.outpost.ports.storage.SavedDraftStore savedDrafts() {
        return savedDrafts;
    }

    /** The vault itself, which can list its secrets for {@link StorageCopy}. */
    JdbcSecretVault secretVault() {
        return secrets;
    }

    @Override
    public void close() {
        try {
            jobs.stop();
        } finally {
            pool.close();
        }
    }
}
