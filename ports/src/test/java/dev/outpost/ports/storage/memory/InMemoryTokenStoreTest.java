package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.TokenStoreContract;

class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }
}
