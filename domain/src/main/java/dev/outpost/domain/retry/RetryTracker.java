package dev.outpost.domain.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Counts the failures of the current operation and of the whole job. Not thread-safe: one tracker per job, or
 * guard it. A success resets the per-operation count but never the budget.
 */
public final class RetryTracker {
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private int failuresOfOperation;
    private int retriesSpent;

    RetryTracker(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * Records a failure of the current operation.
     *
     * @return the wait before trying again, or empty when the operation's attempts or the job's budget are spent
     */
    public Optional<Duration> onFailure() {
        failuresOfOperation++;
        if (failuresOfOperation >= policy.maxAttempts() || retriesSpent >= policy.budget()) {
            return Optional.empty();
        }
        retriesSpent++;
        return Optional.of(policy.delay(failuresOfOperation, random));
    }

    /** The current operation succeeded: the next one starts with a clean count. */
    public void onSuccess() {
        failuresOfOperation = 0;
    }

    public int retriesSpent() {
        return retriesSpent;
    }

    public int failuresOfOperation() {
        return failuresOfOperation;
    }
}
