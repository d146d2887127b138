package dev.outpost.architecture.planted.domain;

import dev.outpost.architecture.planted.ports.PlantedPort;

/** Violation: the domain depends on a port. */
public final class ReadsPortsFromDomain {
    public String read(PlantedPort port) {
        return port.name();
    }
}
