package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What a Mastodon error body says: {@code {"error": "..."}}, with {@code error_description} for OAuth errors; or, for
 * a body that is not JSON (a front end's HTML page), a short, tag-free, redacted excerpt.
 *
 * @param error the {@code error} field (the OAuth error code on the OAuth endpoints), or the excerpt
 * @param description {@code error_description}, or null
 */
record MastodonError(String error, String description) {
    private static final int EXCERPT = 160;

    static MastodonError parse(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : MastodonJson.MAPPER.readTree(body);
            if (json != null && json.isObject() && MastodonJson.text(json, "error") != null) {
                return new MastodonError(MastodonJson.text(json, "error").strip(),
                        MastodonJson.text(json, "error_description"));
            }
        } catch (java.io.IOException e) {
            // not JSON: an excerpt below
        }
        return new MastodonError(body.length == 0 ? "(no message)" : excerpt(body), null);
    }

    /** The server's words: the description when there is one (OAuth), else the error. */
    String message() {
        return description == null || description.isBlank() ? error : description;
    }

    /** "POST /api/v1/statuses on mastodon.social": method, path and host, never the query. */
    static String where(Request request) {
        if (request == null) {
            return "the Mastodon server";
        }
        URI uri = URI.create(request.url());
        return request.httpMethod() + " " + uri.getPath() + " on " + uri.getAuthority();
    }

    static String host(Request request) {
        return request == null ? "the Mastodon server" : URI.create(request.url()).getAuthority();
    }

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
}
