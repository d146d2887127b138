package dev.outpost.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small text encodings some columns use instead of child tables, documented here and in the schema.
 *
 * <ul>
 *   <li>A list of strings, each followed by a comma, with {@code \} and {@code ,} escaped by {@code \}:
 *       {@code "a\,b,c,"} is {@code ["a,b", "c"]}; empty for an empty list.
 *   <li>A map of strings as the list of its keys and values, alternating, in the map's order:
 *       {@code "visibility,unlisted,lang,en,"}; empty for an empty map.
 * </ul>
 */
final class TextCodec {
    private TextCodec() {
    }

    static String stringList(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\\' || c == ',') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append(',');
        }
        return out.toString();
    }

    static List<String> strings(String encoded) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '\\' && i + 1 < encoded.length()) {
                current.append(encoded.charAt(++i));
            } else if (c == ',') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            throw new IllegalArgumentException("a stored list does not end with a comma");
        }
        return out;
    }

    static String stringMap(Map<String, String> map) {
        List<String> flat = new ArrayList<>(map.size() * 2);
        map.forEach((key, value) -> {
            flat.add(key);
            flat.add(value);
        });
        return stringList(flat);
    }

    /** The map {@link #stringMap} encoded, in the encoded order. */
    static Map<String, String> map(String encoded) {
        List<String> flat = strings(encoded);
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("a stored map has a key without a value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<String> i = flat.iterator(); i.hasNext(); ) {
            out.put(i.next(), i.next());
        }
        return out;
    }
}
