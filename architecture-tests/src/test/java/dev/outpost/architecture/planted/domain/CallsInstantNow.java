package dev.outpost.architecture.planted.domain;

import java.time.Instant;

/** Violation: reads the time without a Clock. */
public final class CallsInstantNow {
    public Instant stamp() {
        return Instant.now();
    }
}
