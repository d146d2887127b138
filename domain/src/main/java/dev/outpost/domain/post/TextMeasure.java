package dev.outpost.domain.post;

import java.nio.charset.StandardCharsets;

/**
 * How a platform counts the length of a post's text. Implementations are pure and thread-safe; they never return a
 * negative number and treat null as empty.
 */
@FunctionalInterface
public interface TextMeasure {
    int weightedLength(String text);

    /** Counts code points: a fair default for platforms without weighting. */
    TextMeasure CODE_POINTS = text -> text == null ? 0 : text.codePointCount(0, text.length());

    /** Counts the bytes of the UTF-8 encoding. */
    TextMeasure UTF8_BYTES = text -> text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;

    /**
     * The number of grapheme clusters of text whose every character is below U+0300 (ASCII and Latin-1: most posts),
     * where no two code points join into one cluster but CR followed by LF (UAX #29, rule GB3); -1 for any other
     * text, which needs a full Unicode segmenter. Lets a measure skip loading one (ICU's rules take 50 ms to load).
     */
    static int graphemesBelowCombiningMarks(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0300') {
                return -1;
            }
            if (c != '\n' || i == 0 || text.charAt(i - 1) != '\r') {
                count++;
            }
        }
        return count;
    }
}
