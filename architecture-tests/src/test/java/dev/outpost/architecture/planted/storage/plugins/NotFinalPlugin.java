package dev.outpost.architecture.planted.storage.plugins;

import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;

/** Violation: not final. */
public class NotFinalPlugin implements StoragePlugin {
    public NotFinalPlugin() {}

    @Override
    public String id() {
        return "planted";
    }

    @Override
    public Stores open(StorageConfig config) {
        throw new UnsupportedOperationException("planted for the architecture tests");
    }
}
