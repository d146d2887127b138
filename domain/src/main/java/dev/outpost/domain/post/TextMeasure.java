package dev.outpost.domain.post;

/**
 * How a platform counts the length of a post's text (X weighs CJK and emoji double and every URL as 23).
 * Implementations are pure and thread-safe; they never return a negative number and treat null as empty.
 */
@FunctionalInterface
public interface TextMeasure {
    int weightedLength(String text);

    /** Counts code points: a fair default for platforms without weighting. */
    TextMeasure CODE_POINTS = text -> text == null ? 0 : text.codePointCount(0, text.length());
}
