package dev.outpost.domain.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: before retry {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(cap, base * 2^(n-1))]}. Bounded per operation ({@code maxAttempts}, the first try included) and
 * across a whole upload ({@code budget} retries). Deterministic for a given random source.
 *
 * @param maxAttempts attempts of one operation, the first included
 * @param base the first backoff ceiling
 * @param cap the largest backoff ceiling
 * @param budget the most retries one upload may spend in total
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, int budget) {
    /** RELIABILITY.md's numbers: 5 attempts a request, 1 s doubling to 30 s, 20 retries an upload. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 20);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("base and cap must not be negative");
        }
        if (budget < 0) {
            throw new IllegalArgumentException("budget must not be negative");
        }
    }

    /** The ceiling of the wait before retry {@code retry} (1-based). */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1");
        }
        long baseNanos = base.toNanos();
        int shift = Math.min(retry - 1, 62);
        long ceiling = baseNanos == 0 ? 0 : (baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift);
        return Duration.ofNanos(Math.min(ceiling, cap.toNanos()));
    }

    /** A full-jitter wait before retry {@code retry}. */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toNanos();
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }

}
