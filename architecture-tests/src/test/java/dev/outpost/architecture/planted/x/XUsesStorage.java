package dev.outpost.architecture.planted.x;

import dev.outpost.architecture.planted.storage.PlantedStore;

/** Violation: one adapter depends on another. */
public final class XUsesStorage {
    public PlantedStore store() {
        return new PlantedStore();
    }
}
