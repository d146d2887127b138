package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.PublicationGroupContract;
import dev.outpost.ports.storage.PublicationStore;

class InMemoryPublicationGroupTest extends PublicationGroupContract {
    @Override
    protected PublicationStore publicationStore() {
        return new InMemoryPublicationStore();
    }
}
