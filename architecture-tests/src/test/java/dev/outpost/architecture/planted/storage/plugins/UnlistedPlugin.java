package dev.outpost.architecture.planted.storage.plugins;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;

/** Violation: in no services file. */
public final class UnlistedPlugin implements StoragePlugin {
    public UnlistedPlugin() {}

    @Override
    public String id() {
        return "planted";
    }

    @Override
    public Stores open(StorageConfig config) {
        throw new UnsupportedOperationException("planted for the architecture tests");
    }
}
