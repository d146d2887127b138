package dev.outpost.application;

import dev.outpost.ports.platform.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Repeats one request of a job on transient failures with full-jitter backoff, waits out rate limits that end in
 * time, and gives up on anything else. One instance per job (an upload, a publication): the budget of retries is
 * shared by all its requests, also when several run at once; the attempts are counted per request.
 */
final class Retrier {
    /** Told before each wait. */
    interface Observer {
        void retrying(String operation, int attempt, Duration delay, String reason, boolean rateLimited);
    }

    private final UploadSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Observer observer;
    private final AtomicInteger retriesSpent = new AtomicInteger();

    Retrier(UploadSettings settings, Clock clock, Sleeper sleeper, RandomGenerator random, Observer observer) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.observer = observer;
    }

    /**
     * Runs {@code request} until it succeeds or may not be repeated.
     *
     * @param repeatable whether a request whose outcome is unknown may be repeated (true where repeating has
     *     the same effect, such as sending the same part of a file again)
     */
    <T> T run(String operation, boolean repeatable, Supplier<T> request) {
        int failures = 0;
        while (true) {
            try {
                return request.get();
            } catch (PlatformException.RateLimited e) {
                failures++;
                waitOutRateLimit(operation, failures, e);
            } catch (PlatformException.Transient e) {
                failures++;
                backOff(operation, failures, e);
            } catch (PlatformException.Ambiguous e) {
                if (!repeatable) {
                    throw e;
                }
                failures++;
                backOff(operation, failures, e);
            }
        }
    }

    private void backOff(String operation, int failures, PlatformException cause) {
        var policy = settings.retryPolicy();
        if (failures >= policy.maxAttempts()) {
            throw new OutpostException(OutpostException.Kind.FAILED, operation + " failed " + failures
                    + " times; the last error: " + cause.getMessage(), cause);
        }
        if (retriesSpent.incrementAndGet() > policy.budget()) {
            throw new OutpostException(OutpostException.Kind.FAILED, operation + " failed and the job has spent its "
                    + policy.budget() + " retries; the last error: " + cause.getMessage(), cause);
        }
        Duration delay;
        synchronized (random) {
            delay = policy.delay(failures, random);
        }
        observer.retrying(operation, failures, delay, cause.getMessage(),
                cause instanceof PlatformException.RateLimited);
        sleep(delay);
    }

    private void waitOutRateLimit(String operation, int failures, PlatformException.RateLimited limited) {
        Instant now = clock.instant();
        Instant reset = limited.resetAt().orElse(null);
        if (reset == null) {
            backOff(operation, failures, limited);
            return;
        }
        if (reset.isAfter(now.plus(settings.rateLimitPatience()))) {
            throw new OutpostException(OutpostException.Kind.REFUSED, operation + " is rate-limited until " + reset
                    + "; try again after that", limited);
        }
        if (failures > settings.retryPolicy().maxAttempts()) {
            throw new OutpostException(OutpostException.Kind.REFUSED, operation + " stayed rate-limited after "
                    + failures + " waits; the limit resets at " + reset, limited);
        }
        // Resets are often given in whole seconds: wait one more so the first request after it is not early.
        Duration delay = Duration.between(now, reset).plusSeconds(1);
        observer.retrying(operation, failures, delay, "rate-limited until " + reset, true);
        sleep(delay);
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while waiting to retry", e);
        }
    }
}
