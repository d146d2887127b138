package dev.outpost.architecture.planted.storage;

import java.time.Clock;

/** Violation: an adapter picks the real clock instead of receiving one. */
public final class PicksSystemClock {
    public Clock clock() {
        return Clock.systemUTC();
    }
}
