package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final dev.outpost.ports.platform.fake.FakeClock clock = new dev.outpost.ports.platform.fake.FakeClock();

    @Test
    void aClientIsSlowedDownThenLockedOutAndTheRightPasswordStartsItAfresh() {
        SignInThrottle throttle = new SignInThrottle(SignInThrottle.Policy.DEFAULT, clock);
        assertThat(throttle.failed("a")).isEmpty();
        assertThat(throttle.failed("a")).isEmpty();
        assertThat(throttle.failed("a")).hasValueSatisfying(m -> assertThat(m).contains("wait 1 second"));
        assertThat(throttle.refusal("a")).isPresent();
        assertThat(throttle.refusal("b")).as("another client").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.refusal("a")).isEmpty();
        assertThat(throttle.failed("a")).hasValueSatisfying(m -> assertThat(m).contains("wait 2 seconds"));
        for (int i = 5; i <= 9; i++) {
            clock.advance(Duration.ofMinutes(1));
            throttle.failed("a");
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.failed("a")).hasValueSatisfying(m -> assertThat(m).contains("locked for 15 minutes"));
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.refusal("a")).hasValueSatisfying(m -> assertThat(m).contains("locked for 60 seconds"
                .replace("1 minutes", "60 seconds")));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.refusal("a")).isEmpty();
        throttle.succeeded("a");
        assertThat(throttle.failed("a")).as("counted afresh").isEmpty();
    }

    @Test
    void manyWrongPasswordsFromManyAddressesPauseEveryone() {
        SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Policy(3, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 10, Duration.ofMinutes(15), Duration.ofMinutes(15), 5, Duration.ofMinutes(5)),
                clock);
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0." + i);
        }
        assertThat(throttle.refusal("192.168.1.1")).isEmpty();
        throttle.failed("10.0.0.4");
        assertThat(throttle.refusal("192.168.1.1")).hasValueSatisfying(m -> assertThat(m)
                .contains("paused for everyone for 5 minutes"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.refusal("192.168.1.1")).isEmpty();
    }
}
