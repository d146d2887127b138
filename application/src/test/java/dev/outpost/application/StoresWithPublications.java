package dev.outpost.application;

import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.SavedDraftStore;
import dev.outpost.ports.storage.SecretVault;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.UploadJournal;

/** Another process's view of {@code delegate}: the same stores, but its own publication store (a crashing one). */
final class StoresWithPublications implements Stores {
    private final Stores delegate;
    private final PublicationStore publications;

    StoresWithPublications(Stores delegate, PublicationStore publications) {
        this.delegate = delegate;
        this.publications = publications;
    }

    @Override
    public PublicationStore publications() {
        return publications;
    }

    @Override
    public AccountStore accounts() {
        return delegate.accounts();
    }

    @Override
    public TokenStore tokens() {
        return delegate.tokens();
    }

    @Override
    public UploadJournal uploads() {
        return delegate.uploads();
    }

    @Override
    public PendingAuthorizationStore pendingAuthorizations() {
        return delegate.pendingAuthorizations();
    }

    @Override
    public JobQueue jobs() {
        return delegate.jobs();
    }

    @Override
    public SecretVault secrets() {
        return delegate.secrets();
    }

    @Override
    public SavedDraftStore savedDrafts() {
        return delegate.savedDrafts();
    }

    @Override
    public void close() {
    }
}
