package dev.outpost.domain.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One limit on a post's text, in the platform's own unit: weighted characters, graphemes, UTF-8
 * bytes, characters with every URL counted as a fixed length. Some platforms count a text option (a summary shown
 * before the post, say) towards the same limit as the text: {@code countedOptions} names those options, and their
 * values are measured with the same measure and added.
 *
 * @param unit what is counted, plural, for people ("characters", "graphemes", "bytes")
 * @param measure how it is counted
 * @param max the most allowed
 * @param countedOptions keys of {@link PostOption}s whose values count towards this limit together with the text;
 *     empty for the text alone
 */
public record TextLimit(String unit, TextMeasure measure, int max, List<String> countedOptions) {
    public TextLimit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(measure, "measure");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        countedOptions = List.copyOf(Objects.requireNonNull(countedOptions, "countedOptions"));
        if (countedOptions.stream().distinct().count() != countedOptions.size()) {
            throw new IllegalArgumentException("an option is counted once: " + countedOptions);
        }
    }

    /** A limit on the text alone. */
    public TextLimit(String unit, TextMeasure measure, int max) {
        this(unit, measure, max, List.of());
    }

    /** The same limit, with these options' values counted together with the text. */
    public TextLimit countingAlso(String... optionKeys) {
        List<String> keys = new ArrayList<>(countedOptions);
        keys.addAll(List.of(optionKeys));
        return new TextLimit(unit, measure, max, keys);
    }

    /** The text alone, measured. */
    public int count(String text) {
        return measure.weightedLength(text);
    }

    /** The text and the values of the counted options that {@code options} holds, measured together. */
    public int count(String text, Map<String, String> options) {
        int length = count(text);
        for (String key : countedOptions) {
            String value = options.get(key);
            if (value != null && !value.isEmpty()) {
                length += measure.weightedLength(value);
            }
        }
        return length;
    }

    /** Which of the counted options {@code options} gives a value, in the limit's order. */
    public List<String> countedIn(Map<String, String> options) {
        return countedOptions.stream().filter(k -> options.get(k) != null && !options.get(k).isEmpty()).toList();
    }
}
