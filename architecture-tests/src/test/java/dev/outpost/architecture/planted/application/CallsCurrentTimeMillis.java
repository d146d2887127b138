package dev.outpost.architecture.planted.application;

/** Violation: reads the time without a Clock. */
public final class CallsCurrentTimeMillis {
    public long millis() {
        return System.currentTimeMillis();
    }
}
