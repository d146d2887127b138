package dev.outpost.x;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** An {@code application/x-www-form-urlencoded} body, fields in insertion order. Never logged as is. */
record FormBody(Map<String, String> fields) {
    FormBody {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static FormBody of(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new FormBody(fields);
    }

    FormBody with(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(fields);
        next.put(key, value);
        return new FormBody(next);
    }

    String encoded() {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FormBody" + fields.keySet();
    }
}
