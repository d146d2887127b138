package dev.outpost.cli.render;

import java.util.Locale;

/** Byte counts for people, in binary units as Outpost reads the platforms' caps: "830 bytes", "4.2 MiB". */
public final class Bytes {
    private Bytes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
