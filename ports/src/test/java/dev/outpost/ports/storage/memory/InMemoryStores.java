package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.Stores;
import java.time.Clock;

/** Every store in memory, for tests of the core and the apps. Closing stops the job queue. */
public final class InMemoryStores implements Stores {
    private final InMemoryAccountStore accounts = new InMemoryAccountStore();
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final InMemoryUploadJournal uploads = new InMemoryUploadJournal();
    private final InMemoryPublicationStore publications = new InMemoryPublicationStore();
    private final InMemoryPendingAuthorizationStore pendingAuthorizations = new InMemoryPendingAuthorizationStore();
    private final InMemorySecretVault secrets = new InMemorySecretVault();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemorySavedDraftStore savedDrafts = new InMemorySavedDraftStore();
    private final InMemoryJobQueue jobs;

    public InMemoryStores(Clock clock) {
        this.jobs = new InMemoryJobQueue(clock);
    }

    @Override
    public InMemoryAccountStore accounts() {
        return accounts;
    }

    @Override
    public InMemoryTokenStore tokens() {
        return tokens;
    }

    @Override
    public InMemoryUploadJournal uploads() {
        return uploads;
    }

    @Override
    public InMemoryPublicationStore publications() {
        return publications;
    }

    @Override
    public InMemoryPendingAuthorizationStore pendingAuthorizations() {
        return pendingAuthorizations;
    }

    @Override
    public InMemoryJobQueue jobs() {
        return jobs;
    }

    @Override
    public InMemorySecretVault secrets() {
        return secrets;
    }

    @Override
    public InMemorySessionStore sessions() {
        return sessions;
    }

    @Override
    public InMemorySavedDraftStore savedDrafts() {
        return savedDrafts;
    }

    @Override
    public void close() {
        jobs.stop();
    }
}
