package dev.outpost.domain.post;

import java.util.Locale;

/**
 * Byte counts for people: "5 MiB", "512 MiB", "1.5 MiB". Binary units, as Outpost reads the platforms' caps (a
 * "512 MB" video cap is taken as 512 x 2^20 bytes); the "i" says so, where "MB" would be read as a million bytes.
 */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }
}
