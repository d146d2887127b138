package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PendingAuthorizationStoreContract;

class InMemoryPendingAuthorizationStoreTest extends PendingAuthorizationStoreContract {
    @Override
    protected PendingAuthorizationStore pendingAuthorizationStore() {
        return new InMemoryPendingAuthorizationStore();
    }
}
