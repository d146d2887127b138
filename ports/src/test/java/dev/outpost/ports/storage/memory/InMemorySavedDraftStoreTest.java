package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SavedDraftStore;
import dev.outpost.ports.storage.SavedDraftStoreContract;

class InMemorySavedDraftStoreTest extends SavedDraftStoreContract {
    @Override
    protected SavedDraftStore savedDraftStore() {
        return new InMemorySavedDraftStore();
    }
}
