package dev.outpost.ports.storage;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does, up to a generous deadline; never asserts how long it took. */
public final class Await {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up waiting after " + DEADLINE.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
