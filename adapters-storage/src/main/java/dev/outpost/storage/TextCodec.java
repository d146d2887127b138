package dev.outpost.storage;

import dev.outpost.domain.upload.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The small text encodings some columns use instead of child tables, documented here and in the schema.
 *
 * <ul>
 *   <li>Segment lengths as runs, in index order: {@code "4000000*2,2000000*3,3"} is two segments of 4,000,000
 *       bytes, three of 2,000,000 and one of 3. Offsets and indexes follow from the lengths, so a plan of 1,000
 *       segments usually takes a few characters.
 *   <li>Ascending indexes as ranges: {@code "0-3,5,7-8"}; empty for none.
 *   <li>A list of strings, each followed by a comma, with {@code \} and {@code ,} escaped by {@code \}:
 *       {@code "a\,b,c,"} is {@code ["a,b", "c"]}; empty for an empty list.
 * </ul>
 */
final class TextCodec {
    private TextCodec() {
    }

    static String segmentLengths(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < segments.size()) {
            long length = segments.get(i).length();
            int run = 1;
            while (i + run < segments.size() && segments.get(i + run).length() == length) {
                run++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(length);
            if (run > 1) {
                out.append('*').append(run);
            }
            i += run;
        }
        return out.toString();
    }

    static List<Segment> segments(String runs) {
        List<Segment> out = new ArrayList<>();
        long offset = 0;
        if (runs.isEmpty()) {
            return out;
        }
        for (String part : runs.split(",", -1)) {
            int star = part.indexOf('*');
            long length = Long.parseLong(star < 0 ? part : part.substring(0, star));
            int count = star < 0 ? 1 : Integer.parseInt(part.substring(star + 1));
            for (int k = 0; k < count; k++) {
                out.add(new Segment(out.size(), offset, length));
                offset += length;
            }
        }
        return out;
    }

    static String indexRanges(List<Integer> ascending) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int first = ascending.get(i);
            int last = first;
            while (i + 1 < ascending.size() && ascending.get(i + 1) == last + 1) {
                last = ascending.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(first);
            if (last != first) {
                out.append('-').append(last);
            }
            i++;
        }
        return out.toString();
    }

    static List<Integer> indexes(String ranges) {
        List<Integer> out = new ArrayList<>();
        if (ranges.isEmpty()) {
            return out;
        }
        for (String part : ranges.split(",", -1)) {
            int dash = part.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
            for (int k = first; k <= last; k++) {
                out.add(k);
            }
        }
        return out;
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
}
