package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.AccountStoreContract;

class InMemoryAccountStoreTest extends AccountStoreContract {
    @Override
    protected AccountStore accountStore() {
        return new InMemoryAccountStore();
    }
}
