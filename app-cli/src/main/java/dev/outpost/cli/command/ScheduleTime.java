package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --at}: an instant ({@code 2030-01-31T09:00:00Z}), a time with an offset
 * ({@code 2030-01-31T09:00+01:00}), a local time in this machine's zone ({@code 2030-01-31T09:00} or
 * {@code 2030-01-31 09:00}), or a delay from now ({@code +90s}, {@code +15m}, {@code +2h}, {@code +1d}).
 */
final class ScheduleTime {
    private static final Pattern DELAY = Pattern.compile("\\+(\\d{1,9})\\s*([smhd])");

    private ScheduleTime() {
    }

    /** @throws OutpostException INVALID_INPUT naming {@code --at} when the text is none of the accepted forms */
    static Instant parse(String text, Clock clock, ZoneId zone) {
        String value = text.trim();
        Matcher delay = DELAY.matcher(value.toLowerCase(Locale.ROOT));
        if (delay.matches()) {
            long amount = Long.parseLong(delay.group(1));
            Duration step = switch (delay.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().plus(step);
        }
        String iso = value.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) (\\d)", "$1T$2");
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException notAnInstant) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeException notLocal) {
            throw OutpostException.invalid("--at", "'" + text + "' is not a time; write 2030-01-31T09:00 (local"
                    + " time), 2030-01-31T09:00:00Z, 2030-01-31T09:00+01:00, or a delay such as +15m, +2h, +1d");
        }
    }
}
