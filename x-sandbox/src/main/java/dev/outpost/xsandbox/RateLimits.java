package dev.outpost.xsandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed windows per endpoint and caller, like X's 15-minute windows: the first call opens a
 * window, {@code x-rate-limit-reset} is when it closes, and calls beyond the limit get 429.
 */
final class RateLimits {
    private final SandboxConfig config;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** What the x-rate-limit-* headers say after a call, and whether the call was over the limit. */
    record Verdict(int limit, int remaining, long resetEpochSeconds, boolean exceeded) {
    }

    private static final class Window {
        Instant resetAt;
        int used;
    }

    RateLimits(SandboxConfig config) {
        this.config = config;
        this.clock = config.clock();
    }

    Verdict count(Endpoint endpoint, String caller) {
        SandboxConfig.RateLimit limit = config.rateLimit(endpoint);
        Window window = windows.computeIfAbsent(endpoint.key() + "|" + caller, k -> new Window());
        synchronized (window) {
            Instant now = clock.instant();
            if (window.resetAt == null || !now.isBefore(window.resetAt)) {
                window.resetAt = now.plus(limit.window());
                window.used = 0;
            }
            window.used++;
            boolean exceeded = window.used > limit.limit();
            return new Verdict(limit.limit(), Math.max(0, limit.limit() - window.used),
                    window.resetAt.getEpochSecond(), exceeded);
        }
    }

    /** The headers for a 429 burst fault: nothing left, and a reset a second away so clients can wait it out. */
    Verdict exhausted(Endpoint endpoint) {
        SandboxConfig.RateLimit limit = config.rateLimit(endpoint);
        return new Verdict(limit.limit(), 0, clock.instant().plusSeconds(1).getEpochSecond(), true);
    }

    void clear() {
        windows.clear();
    }
}
