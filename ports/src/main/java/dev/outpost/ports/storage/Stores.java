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

    /**
     * The web app's browser sessions.
     *
     * @throws UnsupportedOperationException when this storage keeps none (the web app then keeps them in memory)
     */
    default SessionStore sessions() {
        throw new UnsupportedOperationException("this storage keeps no web sessions");
    }

    /** The web app's drafts saved as the user types. */
    SavedDraftStore savedDrafts();

    @Override
    void close();
}
