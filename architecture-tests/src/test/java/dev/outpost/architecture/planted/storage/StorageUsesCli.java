package dev.outpost.architecture.planted.storage;

import dev.outpost.architecture.planted.cli.PlantedCommand;

/** Violation: an adapter depends on an app. */
public final class StorageUsesCli {
    public PlantedCommand command() {
        return new PlantedCommand();
    }
}
