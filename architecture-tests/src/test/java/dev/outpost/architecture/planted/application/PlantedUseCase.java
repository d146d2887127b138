package dev.outpost.architecture.planted.application;

/** Obeys every rule. */
public final class PlantedUseCase {
}
