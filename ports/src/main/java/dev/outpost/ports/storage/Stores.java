package dev.outpost.ports.storage;

/**
 * The stores one storage plugin opened over one database. Closing releases connections and stops the job queue.
 */
public interface Stores extends AutoCloseable {
    AccountStore accounts();

    TokenStore tokens();

    UploadJournal uploads();

    PublicationStore publications();

    PendingAuthorizationStore pendingAuthorizations();

    JobQueue jobs();

    SecretVault secrets();

    @Override
    void close();
}
