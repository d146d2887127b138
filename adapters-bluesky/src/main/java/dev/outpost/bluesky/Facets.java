package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rich-text facets of a post's text (FACTS §4): the server detects nothing, so links, mentions and hashtags are
 * marked by the client, each by its UTF-8 byte range. A mention whose handle does not resolve stays plain text.
 */
final class Facets {
    private static final Pattern LINK = Pattern.compile("(?<=^|[\\s(])(https?://[^\\s]+)");
    private static final Pattern MENTION = Pattern.compile("(?<=^|[\\s(])@([a-zA-Z0-9.-]+[a-zA-Z0-9])");
    private static final Pattern TAG = Pattern.compile("(?<=^|\\s)[#\\uFF03]([^\\s#\\uFF03]+)");
    private static final int MAX_TAG_GRAPHEMES = 64;

    private Facets() {
    }

    /**
     * The facets of {@code text}, or an empty array.
     *
     * @param didOf the DID of a handle, or empty when it does not resolve
     */
    static ArrayNode of(String text, Function<String, Optional<String>> didOf) {
        ArrayNode facets = Xrpc.JSON.createArrayNode();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String uri = trimPunctuation(link.group(1));
            add(facets, text, link.start(1), link.start(1) + uri.length(), "app.bsky.richtext.facet#link", "uri",
                    uri);
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            String handle = trimPunctuation(mention.group(1));
            if (!IdentityResolver.isHandle(handle)) {
                continue;
            }
            int end = mention.start(1) + handle.length();
            didOf.apply(handle).ifPresent(did -> add(facets, text, mention.start(), end,
                    "app.bsky.richtext.facet#mention", "did", did));
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String name = trimPunctuation(tag.group(1));
            if (name.isEmpty() || name.chars().allMatch(Character::isDigit)
                    || Graphemes.MEASURE.weightedLength(name) > MAX_TAG_GRAPHEMES) {
                continue;
            }
            add(facets, text, tag.start(), tag.start(1) + name.length(), "app.bsky.richtext.facet#tag", "tag",
                    name);
        }
        return facets;
    }

    /** Drops what ends a sentence rather than the link ("see https://example.com."), and an unopened parenthesis. */
    static String trimPunctuation(String value) {
        String out = value;
        while (!out.isEmpty()) {
            char last = out.charAt(out.length() - 1);
            if (".,;:!?\"'".indexOf(last) >= 0
                    || (last == ')' && out.chars().filter(c -> c == '(').count() < out.chars()
                            .filter(c -> c == ')').count())) {
                out = out.substring(0, out.length() - 1);
            } else {
                break;
            }
        }
        return out;
    }

    private static void add(ArrayNode facets, String text, int start, int end, String type, String key,
            String value) {
        ObjectNode facet = facets.addObject();
        facet.putObject("index").put("byteStart", utf8Length(text, start)).put("byteEnd", utf8Length(text, end));
        facet.putArray("features").addObject().put("$type", type).put(key, value);
    }

    private static int utf8Length(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }
}
