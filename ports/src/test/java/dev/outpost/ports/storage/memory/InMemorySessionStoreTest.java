package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SessionStore;
import dev.outpost.ports.storage.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore sessionStore() {
        return new InMemorySessionStore();
    }
}
