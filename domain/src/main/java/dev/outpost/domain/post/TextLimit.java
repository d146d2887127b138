package dev.outpost.domain.post;

import java.util.Objects;

/**
 * One limit on a post's text, in the platform's own unit: weighted characters, graphemes, UTF-8
 * bytes, characters with every URL counted as a fixed length.
 *
 * @param unit what is counted, plural, for people ("characters", "graphemes", "bytes")
 * @param measure how it is counted
 * @param max the most allowed
 */
public record TextLimit(String unit, TextMeasure measure, int max) {
    public TextLimit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measure, "measure");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
    }

    public int count(String text) {
        return measure.weightedLength(text);
    }
}
