package dev.outpost.architecture.planted.storage;

/** Obeys every rule. */
public final class PlantedStore {
}
