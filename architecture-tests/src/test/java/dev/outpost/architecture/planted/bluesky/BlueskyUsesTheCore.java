package dev.outpost.architecture.planted.bluesky;

import dev.outpost.architecture.planted.application.PlantedUseCase;

/** Violation: a plugin reaches into the use cases. */
public final class BlueskyUsesTheCore {
    public PlantedUseCase useCase() {
        return new PlantedUseCase();
    }
}
