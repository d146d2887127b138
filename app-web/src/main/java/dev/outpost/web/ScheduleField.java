package dev.outpost.web;

import dev.outpost.application.Problem;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The schedule time as a person gives it: a wall-clock time in their time zone ({@code 2030-01-31T09:30} with
 * {@code timeZone=Europe/Paris}, as the compose page sends it) or an instant ({@code 2030-01-31T08:30:00Z}, or with
 * an offset). Refused, in the user's zone and to the minute: a time that has passed, and one more than a year ahead
 * (further than any reason to schedule, and further than the store may hold). Stateless.
 */
final class ScheduleField {
    static final String FIELD = "scheduledAt";
    static final Duration MAX_AHEAD = Duration.ofDays(365);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private ScheduleField() {
    }

    /**
     * @param value the field as given; blank means "now"
     * @param timeZone the user's zone (an IANA id such as {@code America/New_York}); blank when the value carries its
     *     own offset
     * @param problems where a problem with the field goes
     * @return when to publish, or null for now (also when the field has a problem)
     */
    static Instant read(String value, String timeZone, Instant now, Consumer<Problem> problems) {
        String given = value == null ? "" : value.strip();
        if (given.isEmpty()) {
            return null;
        }
        ZoneId zone;
        String zoneName = timeZone == null ? "" : timeZone.strip();
        try {
            zone = zoneName.isEmpty() ? ZoneOffset.UTC : ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            problems.accept(new Problem(FIELD, "'" + zoneName + "' is not a time zone such as Europe/Paris or"
                    + " America/New_York"));
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                LocalDateTime local = LocalDateTime.parse(given);
                if (zoneName.isEmpty()) {
                    problems.accept(new Problem(FIELD, "'" + given + "' has no time zone: add Z or an offset such"
                            + " as +01:00, or send timeZone (for example Europe/Paris)"));
                    return null;
                }
                at = local.atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                problems.accept(new Problem(FIELD, "'" + given + "' is not a date and time such as 2030-01-31T09:30"
                        + " (in your time zone) or 2030-01-31T09:30:00Z"));
                return null;
            }
        }
        if (at.isBefore(now)) {
            problems.accept(new Problem(FIELD, "that time has passed: it is " + show(now, zone) + " now; pick a"
                    + " later time, or choose Publish now"));
            return null;
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            problems.accept(new Problem(FIELD, "that is more than a year ahead; pick a time before "
                    + show(now.plus(MAX_AHEAD), zone)));
            return null;
        }
        return at;
    }

    /** "Sat 5 Dec 2026, 09:30 (America/New_York)": to the minute, with the zone named. */
    static String show(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone)) + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")";
    }
}
