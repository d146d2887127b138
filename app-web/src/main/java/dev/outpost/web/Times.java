package dev.outpost.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants for people: UTC, to the minute (the browser shows local time where scripts run). */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String show(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
