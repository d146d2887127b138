package dev.outpost.domain.post;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A per-platform choice a post may carry beside its text and media (a visibility, a content warning, languages),
 * declared by the platform's plugin so that both apps can offer it and the core can check it.
 *
 * @param key the option's name in drafts, lower case ({@code visibility})
 * @param label what people see ("Visibility")
 * @param help one sentence for people, or empty
 * @param choices the allowed values; empty when any text is allowed
 * @param maxLength the longest value allowed (in characters) when {@code choices} is empty
 */
public record PostOption(String key, String label, String help, List<String> choices, int maxLength) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public PostOption {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an option key is lower case letters, digits, _ and -: " + key);
        }
        Objects.requireNonNull(label, "label");
        help = help == null ? "" : help;
        choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
    }

    public static PostOption choice(String key, String label, String help, List<String> choices) {
        return new PostOption(key, label, help, choices, choices.stream().mapToInt(String::length).max().orElse(1));
    }

    public static PostOption text(String key, String label, String help, int maxLength) {
        return new PostOption(key, label, help, List.of(), maxLength);
    }

    /** Whether {@code value} is allowed. */
    public boolean accepts(String value) {
        if (value == null) {
            return false;
        }
        return choices.isEmpty() ? value.codePointCount(0, value.length()) <= maxLength : choices.contains(value);
    }
}
