package dev.outpost.architecture.planted.storage.plugins;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;

/** Violation: not public. */
final class PackagePrivatePlugin implements StoragePlugin {
    public PackagePrivatePlugin() {}

    @Override
    public String id() {
        return "planted";
    }

    @Override
    public Stores open(StorageConfig config) {
        throw new UnsupportedOperationException("planted for the architecture tests");
    }
}
