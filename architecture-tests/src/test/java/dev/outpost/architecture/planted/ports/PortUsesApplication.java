package dev.outpost.architecture.planted.ports;

import dev.outpost.architecture.planted.application.PlantedUseCase;

/** Violation: a port depends on a use case. */
public interface PortUsesApplication {
    PlantedUseCase useCase();
}
