package dev.outpost.xsandbox;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snowflake-like numeric ids, as X's: time-ordered, 19 digits, and distinct across restarts of
 * the sandbox, so an id journaled by a client before a restart cannot name some other media.
 */
final class IdSource {
    private static final long TWITTER_EPOCH_MILLIS = 1_288_834_974_657L;
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    IdSource(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long candidate = (clock.millis() - TWITTER_EPOCH_MILLIS) << 22;
        return Long.toString(last.updateAndGet(prev -> Math.max(prev + 1, candidate)));
    }
}
