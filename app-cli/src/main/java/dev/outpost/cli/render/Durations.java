package dev.outpost.cli.render;

import java.time.Duration;
import java.util.Locale;

/** Short durations for people: "800 ms", "4.0 s", "2 min 5 s". */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
