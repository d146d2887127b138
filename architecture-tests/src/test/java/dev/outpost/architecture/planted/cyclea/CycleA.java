package dev.outpost.architecture.planted.cyclea;

import dev.outpost.architecture.planted.cycleb.CycleB;

/** Violation, with CycleB: a cycle between two top-level packages. */
public final class CycleA {
    public CycleB other() {
        return null;
    }
}
