package dev.outpost.architecture.planted.cycleb;

import dev.outpost.architecture.planted.cyclea.CycleA;

public final class CycleB {
    public CycleA other() {
        return null;
    }
}
