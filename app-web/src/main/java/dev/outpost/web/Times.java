package dev.outpost.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants for people. Pages write them as {@code <time class="local">} in UTC, to the minute; local-time.js shows
 * them in the reader's own zone.
 */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String show(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    /** A {@code <time>} element the browser shows in its zone; {@code id} may be null. */
    static String html(Instant instant, String id) {
        if (instant == null) {
            return "";
        }
        return "<time class=\"local\"" + (id == null ? "" : " id=\"" + Html.esc(id) + "\"") + " datetime=\""
                + instant + "\">" + Html.esc(show(instant)) + "</time>";
    }
}
