package dev.outpost.architecture.planted.xsandbox;

import dev.outpost.architecture.planted.domain.CleanValue;

/** Violation: the emulator shares the core's model. */
public final class SandboxUsesDomain {
    public CleanValue value() {
        return new CleanValue("shared");
    }
}
