package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What an X error body says, whichever of its shapes it has: a problem ({@code title}, {@code detail}, {@code type},
 * {@code errors[].message}), an OAuth error ({@code error}, {@code error_description}), the v1 style
 * ({@code errors[].code/message}), or no JSON at all (HTML, empty), of which a short, redacted excerpt is kept.
 *
 * @param code X's error code: the OAuth {@code error}, else the last segment of the problem {@code type}, else
 *     the title; may be empty
 * @param messages what X said, most specific first; never empty
 */
record XProblem(String code, List<String> messages) {
    private static final int EXCERPT = 160;

    XProblem {
        messages = List.copyOf(messages);
    }

    static XProblem parse(byte[] body) {
        JsonNode json = null;
        try {
            json = body.length == 0 ? null : XJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new XProblem("", List.of(body.length == 0 ? "(empty body)" : excerpt(body)));
        }
        LinkedHashSet<String> messages = new LinkedHashSet<>();
        add(messages, XJson.text(json, "error_description"));
        add(messages, XJson.text(json, "detail"));
        for (JsonNode error : json.path("errors")) {
            add(messages, XJson.text(error, "message"));
            add(messages, XJson.text(error, "detail"));
        }
        add(messages, XJson.text(json, "title"));
        String code = XJson.text(json, "error");
        String type = XJson.text(json, "type");
        if (code == null && type != null && !type.equals("about:blank")) {
            code = type.substring(type.lastIndexOf('/') + 1);
        }
        if (code == null) {
            code = XJson.text(json, "title");
        }
        if (messages.isEmpty()) {
            messages.add(excerpt(body));
        }
        return new XProblem(code == null ? "" : code, new ArrayList<>(messages));
    }

    String message() {
        return String.join("; ", messages);
    }

    /** Whether any part of the answer mentions {@code word}, ignoring case. */
    boolean mentions(String word) {
        String needle = word.toLowerCase(Locale.ROOT);
        return code.toLowerCase(Locale.ROOT).contains(needle)
                || messages.stream().anyMatch(m -> m.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** "POST /2/tweets": method and path, never the query (it may name ids, never tokens, but stays short). */
    static String where(Request request) {
        return request == null ? "X" : request.httpMethod() + " " + URI.create(request.url()).getPath();
    }

    /** A short, one-line, tag-free, redacted excerpt of a body, for messages about answers that are not JSON. */
    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)
                .replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        text = Redaction.redactText(text);
        if (text.isEmpty()) {
            return "(no readable text)";
        }
        return "\"" + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text) + "\"";
    }

    private static void add(LinkedHashSet<String> messages, String value) {
        if (value != null && !value.isBlank()) {
            messages.add(value.strip());
        }
    }
}
