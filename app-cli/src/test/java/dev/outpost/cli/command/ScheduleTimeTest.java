package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.application.OutpostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTimeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-31T08:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void delaysCountFromNow() {
        assertThat(ScheduleTime.parse("+90s", CLOCK, PARIS)).isEqualTo("2030-01-31T08:01:30Z");
        assertThat(ScheduleTime.parse("+15m", CLOCK, PARIS)).isEqualTo("2030-01-31T08:15:00Z");
        assertThat(ScheduleTime.parse("+2h", CLOCK, PARIS)).isEqualTo("2030-01-31T10:00:00Z");
        assertThat(ScheduleTime.parse("+1d", CLOCK, PARIS)).isEqualTo("2030-02-01T08:00:00Z");
    }

    @Test
    void instantsAndOffsetsAreTakenAsWritten() {
        assertThat(ScheduleTime.parse("2030-02-01T09:30:00Z", CLOCK, PARIS)).isEqualTo("2030-02-01T09:30:00Z");
        assertThat(ScheduleTime.parse("2030-02-01T09:30+01:00", CLOCK, PARIS)).isEqualTo("2030-02-01T08:30:00Z");
    }

    @Test
    void aLocalTimeIsInTheMachinesZone() {
        assertThat(ScheduleTime.parse("2030-07-01T09:00", CLOCK, PARIS)).isEqualTo("2030-07-01T07:00:00Z");
        assertThat(ScheduleTime.parse("2030-07-01 09:00", CLOCK, PARIS)).isEqualTo("2030-07-01T07:00:00Z");
    }

    @Test
    void anythingElseIsBadInputNamingTheOption() {
        assertThatThrownBy(() -> ScheduleTime.parse("tomorrow", CLOCK, PARIS))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("--at"));
                    assertThat(e.getMessage()).contains("'tomorrow' is not a time", "+15m");
                });
    }
}
