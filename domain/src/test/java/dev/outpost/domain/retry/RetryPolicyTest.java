package dev.outpost.domain.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void defaultCeilingsDoubleFromOneSecondUpToThirty() {
        List<Duration> ceilings = new ArrayList<>();
        for (int retry = 1; retry <= 7; retry++) {
            ceilings.add(RetryPolicy.DEFAULT.ceiling(retry));
        }

        assertThat(ceilings).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
        // Far retries must not overflow into a negative or zero ceiling.
        assertThat(RetryPolicy.DEFAULT.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Property(tries = 200)
    void delaysStayWithinTheCeilingAndRepeatForTheSameSeed(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 70) int retry) {
        Random first = new Random(seed);
        Random second = new Random(seed);
        for (int i = 0; i < 5; i++) {
            Duration delay = RetryPolicy.DEFAULT.delay(retry, first);
            assertThat(delay).isBetween(Duration.ZERO, RetryPolicy.DEFAULT.ceiling(retry));
            assertThat(RetryPolicy.DEFAULT.delay(retry, second)).isEqualTo(delay);
        }
    }

    @Test
    void delaysAreJitteredNotConstant() {
        Random random = new Random(42);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            delays.add(RetryPolicy.DEFAULT.delay(6, random));
        }

        assertThat(delays).doesNotHaveDuplicates();
    }

    @Test
    void aZeroBaseNeverWaits() {
        RetryPolicy immediate = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(30), 10);

        assertThat(immediate.delay(2, new Random(1))).isZero();
    }

    @Test
    void trackerRepeatsTheSameSequenceForTheSameSeed() {
        assertThat(failures(RetryPolicy.DEFAULT.tracker(new Random(7)), 4))
                .isEqualTo(failures(RetryPolicy.DEFAULT.tracker(new Random(7)), 4));
    }

    @Test
    void maxAttemptsCountsTheFirstTry() {
        RetryTracker tracker = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1), 100)
                .tracker(new Random(1));

        assertThat(tracker.onFailure()).isPresent();
        assertThat(tracker.onFailure()).isPresent();
        assertThat(tracker.onFailure()).isEmpty();
        assertThat(tracker.retriesSpent()).isEqualTo(2);
    }

    @Test
    void trackerDelaysGrowWithTheOperationsFailures() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        RetryTracker tracker = policy.tracker(new Random(3));
        for (int retry = 1; retry < policy.maxAttempts(); retry++) {
            assertThat(tracker.onFailure()).get().satisfies(d -> assertThat(d).isBetween(Duration.ZERO,
                    policy.ceiling(tracker.failuresOfOperation())));
        }
        assertThat(tracker.failuresOfOperation()).isEqualTo(policy.maxAttempts() - 1);
    }

    @Test
    void successResetsTheOperationButNotTheBudget() {
        RetryTracker tracker = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1), 4)
                .tracker(new Random(1));

        assertThat(tracker.onFailure()).isPresent();
        assertThat(tracker.onFailure()).isPresent();
        tracker.onSuccess();
        assertThat(tracker.failuresOfOperation()).isZero();
        assertThat(tracker.retriesSpent()).isEqualTo(2);
        // A new operation gets its full attempts again ...
        assertThat(tracker.onFailure()).isPresent();
        assertThat(tracker.onFailure()).isPresent();
        tracker.onSuccess();
        // ... until the budget for the whole job is gone.
        assertThat(tracker.onFailure()).isEmpty();
        assertThat(tracker.retriesSpent()).isEqualTo(4);
    }

    @Test
    void aZeroBudgetNeverRetries() {
        RetryTracker tracker = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 0)
                .tracker(new Random(1));

        assertThat(tracker.onFailure()).isEmpty();
    }

    private static List<Optional<Duration>> failures(RetryTracker tracker, int count) {
        List<Optional<Duration>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(tracker.onFailure());
        }
        return out;
    }
}
