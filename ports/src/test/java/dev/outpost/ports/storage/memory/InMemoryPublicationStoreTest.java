package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.PublicationStoreContract;

class InMemoryPublicationStoreTest extends PublicationStoreContract {
    @Override
    protected PublicationStore publicationStore() {
        return new InMemoryPublicationStore();
    }
}
