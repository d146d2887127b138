package dev.outpost.domain.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    void aPolicyRefusesImpossibleNumbers() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
