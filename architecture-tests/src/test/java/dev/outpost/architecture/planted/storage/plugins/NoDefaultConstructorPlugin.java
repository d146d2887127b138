package dev.outpost.architecture.planted.storage.plugins;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;

/** Violation: ServiceLoader cannot construct it. */
public final class NoDefaultConstructorPlugin implements StoragePlugin {
    public NoDefaultConstructorPlugin(String id) {}

    @Override
    public String id() {
        return "planted";
    }

    @Override
    public Stores open(StorageConfig config) {
        throw new UnsupportedOperationException("planted for the architecture tests");
    }
}
