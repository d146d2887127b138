package dev.outpost.application;

import java.time.Duration;

/**
 * Waits. Injected so that tests move a fake clock instead of sleeping; the real one is {@link #SYSTEM}.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    };
}
