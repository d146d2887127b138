package dev.outpost.architecture.planted.ports;

/** Obeys every rule. */
public interface PlantedPort {
    String name();
}
