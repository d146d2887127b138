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
}
