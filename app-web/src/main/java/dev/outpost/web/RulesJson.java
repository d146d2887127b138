package dev.outpost.web;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.PostOption;
import dev.outpost.domain.post.TextLimit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An account's rules as the compose page's script reads them: the text limits (the first is the counter's), what
 * media one post may carry, the size caps, the accepted types, the alt text's length and the platform's options.
 */
final class RulesJson {
    private RulesJson() {
    }

    static Map<String, Object> of(PlatformRules rules) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", rules.platformName());
        List<Map<String, Object>> text = new ArrayList<>();
        for (TextLimit limit : rules.textLimits()) {
            text.add(Map.of("unit", limit.unit(), "max", limit.max(), "countsOptions", limit.countedOptions()));
        }
        json.put("text", text);
        json.put("maxText", rules.primaryTextLimit().max());
        json.put("textUnit", rules.primaryTextLimit().unit());
        List<Map<String, Integer>> combinations = new ArrayList<>();
        for (Map<MediaKind, Integer> combination : rules.mediaCombinations()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            new EnumMap<>(combination).forEach((kind, max) -> counts.put(kind(kind), max));
            combinations.add(counts);
        }
        json.put("combinations", combinations);
        json.put("mediaSummary", rules.describeCombinations());
        Map<String, Integer> maxMedia = new LinkedHashMap<>();
        Map<String, Long> maxBytes = new LinkedHashMap<>();
        for (MediaKind kind : MediaKind.values()) {
            maxMedia.put(kind(kind), rules.maxMedia(kind));
            maxBytes.put(kind(kind), rules.maxBytes(kind));
        }
        json.put("maxMedia", maxMedia);
        json.put("maxBytes", maxBytes);
        json.put("accept", accept(rules));
        json.put("maxAlt", rules.maxAltTextLength());
        List<Map<String, Object>> options = new ArrayList<>();
        for (PostOption option : rules.options()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", option.key());
            o.put("label", option.label());
            o.put("help", option.help());
            o.put("choices", option.choices());
            o.put("maxLength", option.maxLength());
            options.add(o);
        }
        json.put("options", options);
        return json;
    }

    /** The file input's {@code accept}: the accepted types, in a stable order. */
    static String accept(PlatformRules rules) {
        return rules.acceptedTypes().stream().sorted().map(MediaType::mimeType).distinct()
                .collect(Collectors.joining(","));
    }

    static String kind(MediaKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
