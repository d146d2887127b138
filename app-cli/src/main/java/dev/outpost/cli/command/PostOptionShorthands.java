package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Shorthands of {@code post} for the draft options that platforms of many servers commonly offer: each is exactly
 * {@code --option KEY=VALUE} with the key named after the flag. The command line gives them no meaning of its own: the
 * core checks them against the chosen account's rules, so on a platform without them they are refused, with the
 * platform's name, before anything is uploaded.
 */
final class PostOptionShorthands {
    static final String VISIBILITY = "visibility";
    static final String CONTENT_WARNING = "content-warning";
    static final String SENSITIVE = "sensitive";
    static final String LANGUAGE = "language";

    @Option(names = "--visibility", paramLabel = "WHO",
            description = "Who sees the post, where the platform offers it (--option visibility=WHO), e.g. public,"
                    + " unlisted, private, direct.")
    String visibility;

    @Option(names = "--content-warning", paramLabel = "TEXT",
            description = "A warning shown before the post's content (--option content-warning=TEXT).")
    String contentWarning;

    @Option(names = "--sensitive", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Marks the media as sensitive (--option sensitive=true).")
    String sensitive;

    @Option(names = "--language", paramLabel = "CODE",
            description = "The post's language as an ISO 639 code (--option language=CODE).")
    String language;

    /**
     * The options with these shorthands added; a shorthand and an {@code --option} of the same key with different
     * values are refused rather than one silently winning.
     */
    Map<String, String> mergeInto(Map<String, String> options) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        put(merged, VISIBILITY, visibility, "--visibility");
        put(merged, CONTENT_WARNING, contentWarning, "--content-warning");
        put(merged, SENSITIVE, sensitive, "--sensitive");
        put(merged, LANGUAGE, language, "--language");
        return merged;
    }

    private static void put(Map<String, String> options, String key, String value, String flag) {
        if (value == null) {
            return;
        }
        String earlier = options.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
            throw OutpostException.invalid(flag, flag + " " + value + " contradicts --option " + key + "=" + earlier);
        }
    }
}
