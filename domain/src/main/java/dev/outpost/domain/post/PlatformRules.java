package dev.outpost.domain.post;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one post may carry on one platform, for one account: each platform's plugin states its own (a server
 * its own limits), and the core never assumes any platform's numbers.
 *
 * @param platformName how messages name the platform ("Example", "Example (example.social)")
 * @param textLimits every limit on the text; the first is the one a live counter shows (a limit may count some
 *     options' values with the text: {@link TextLimit#countedOptions()}, each one declared in {@code options})
 * @param mediaCombinations what one post may attach, as alternatives: the counts per kind of one post must fit within
 *     at least one of them (say, up to 4 images, or 1 GIF, or 1 video); a kind absent from all is not accepted
 * @param maxBytesPerKind the size cap of one file of each kind
 * @param acceptedTypes the media types the platform takes
 * @param maxAltTextLength the longest alt text, in characters
 * @param options the per-platform choices a post may carry
 */
public record PlatformRules(String platformName, List<TextLimit> textLimits,
        List<Map<MediaKind, Integer>> mediaCombinations, Map<MediaKind, Long> maxBytesPerKind,
        Set<MediaType> acceptedTypes, int maxAltTextLength, List<PostOption> options) {
    public PlatformRules {
        Objects.requireNonNull(platformName, "platformName");
        textLimits = List.copyOf(Objects.requireNonNull(textLimits, "textLimits"));
        if (textLimits.isEmpty()) {
            throw new IllegalArgumentException("a platform states at least one text limit");
        }
        mediaCombinations = Objects.requireNonNull(mediaCombinations, "mediaCombinations").stream()
                .map(Map::copyOf).toList();
        maxBytesPerKind = Map.copyOf(Objects.requireNonNull(maxBytesPerKind, "maxBytesPerKind"));
        acceptedTypes = Set.copyOf(Objects.requireNonNull(acceptedTypes, "acceptedTypes"));
        if (maxAltTextLength < 0) {
            throw new IllegalArgumentException("maxAltTextLength must not be negative");
        }
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        for (TextLimit limit : textLimits) {
            for (String key : limit.countedOptions()) {
                if (options.stream().noneMatch(o -> o.key().equals(key))) {
                    throw new IllegalArgumentException("the text limit counts the option '" + key
                            + "', which the platform does not declare");
                }
            }
        }
    }

    /** The limit a live counter shows. */
    public TextLimit primaryTextLimit() {
        return textLimits.get(0);
    }

    /** The most attachments of this kind any one post may carry; 0 when the kind is not accepted. */
    public int maxMedia(MediaKind kind) {
        return mediaCombinations.stream().mapToInt(c -> c.getOrDefault(kind, 0)).max().orElse(0);
    }

    /** The size cap for one file of this kind; 0 when the kind is not accepted. */
    public long maxBytes(MediaKind kind) {
        return maxBytesPerKind.getOrDefault(kind, 0L);
    }

    /** Whether some combination admits these counts. */
    public boolean admits(Map<MediaKind, Integer> counts) {
        if (counts.values().stream().allMatch(n -> n == 0)) {
            return true;
        }
        return mediaCombinations.stream().anyMatch(c -> counts.entrySet().stream()
                .allMatch(e -> e.getValue() <= c.getOrDefault(e.getKey(), 0)));
    }

    public Optional<PostOption> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** The combinations for people: "up to 4 images, or 1 GIF, or 1 video". */
    public String describeCombinations() {
        List<String> parts = new ArrayList<>();
        for (Map<MediaKind, Integer> combination : mediaCombinations) {
            List<String> kinds = new ArrayList<>();
            new EnumMap<>(combination).forEach((kind, max) -> kinds.add(count(max, kind)));
            if (!kinds.isEmpty()) {
                parts.add((combination.values().stream().anyMatch(n -> n > 1) ? "up to " : "") + String.join(" and ",
                        kinds));
            }
        }
        return parts.isEmpty() ? "no media" : String.join(", or ", parts);
    }

    static String count(int n, MediaKind kind) {
        String name = switch (kind) {
            case IMAGE -> "image";
            case GIF -> "GIF";
            case VIDEO -> "video";
        };
        return n + " " + name + (n == 1 ? "" : "s");
    }

    static String kindName(MediaKind kind) {
        return kind == MediaKind.GIF ? "GIF" : kind.name().toLowerCase(Locale.ROOT);
    }
}
