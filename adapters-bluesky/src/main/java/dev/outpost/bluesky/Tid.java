package dev.outpost.bluesky;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Record keys in the TID form (FACTS §5): 53 bits of microseconds since the epoch and 10 bits of clock id, written as
 * 13 characters of base32-sortable, so keys sort by time. Never the same twice from one instance, even within a
 * microsecond. Thread-safe.
 */
final class Tid {
    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

    private final AtomicLong lastMicros = new AtomicLong();

    String next(Instant now, RandomGenerator random) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long unique = lastMicros.updateAndGet(last -> Math.max(last + 1, micros));
        long tid = ((unique & ((1L << 53) - 1)) << 10) | random.nextInt(1024);
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (tid & 31));
            tid >>>= 5;
        }
        return new String(out);
    }

    static boolean isTid(String value) {
        return value != null && value.matches("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    }
}
