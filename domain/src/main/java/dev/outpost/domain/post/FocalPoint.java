package dev.outpost.domain.post;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The point of an image or video that must stay in view when a platform crops it for a preview: {@code x} from -1
 * (left edge) to 1 (right edge), {@code y} from -1 (bottom) to 1 (top), 0,0 the centre. Platforms that do not crop by
 * a focal point ignore it.
 */
public record FocalPoint(double x, double y) {
    public FocalPoint {
        if (!inRange(x) || !inRange(y)) {
            throw new IllegalArgumentException("a focal point is two numbers from -1 to 1, x,y: " + text(x) + ","
                    + text(y));
        }
    }

    /**
     * Reads {@code "x,y"} as people type it ({@code "0.5,-0.25"}).
     *
     * @throws IllegalArgumentException saying what is wrong, for a message naming the field
     */
    public static FocalPoint parse(String value) {
        String[] parts = value == null ? new String[0] : value.strip().split("\\s*,\\s*", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a focal point is two numbers from -1 to 1 as x,y (such as 0.5,-0.25),"
                    + " not '" + value + "'");
        }
        double x;
        double y;
        try {
            x = Double.parseDouble(parts[0].strip());
            y = Double.parseDouble(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a focal point is two numbers from -1 to 1 as x,y (such as 0.5,-0.25),"
                    + " not '" + value + "'");
        }
        if (!inRange(x) || !inRange(y)) {
            throw new IllegalArgumentException("each number of a focal point is from -1 to 1, not '" + value + "'");
        }
        return new FocalPoint(x, y);
    }

    /** {@code "x,y"} in plain decimals ({@code "0.5,-0.25"}), as {@link #parse} reads it. */
    public String text() {
        return text(x) + "," + text(y);
    }

    private static boolean inRange(double v) {
        return !Double.isNaN(v) && v >= -1 && v <= 1;
    }

    private static String text(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v).toLowerCase(Locale.ROOT);
        }
        String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }
}
