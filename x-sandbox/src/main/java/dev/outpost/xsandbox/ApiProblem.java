package dev.outpost.xsandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer, thrown from anywhere in a handler and written in one place. The shapes are
 * the ones X was seen to send (FACTS §2, §4, §5, §6); the host of a problem {@code type} comes
 * from the configuration because live X still says api.twitter.com while the spec says api.x.com.
 */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the body is written. */
    enum Format { PROBLEM, OAUTH_ERROR, EMPTY }

    final int status;
    final Format format;
    /** Problem kind such as {@code invalid-request}, or null for {@code about:blank}. */
    final String kind;
    final String title;
    final String detail;
    final List<Map<String, Object>> errors;
    final Map<String, Object> extra;
    /** For a 429: when the caller may try again (epoch seconds), to put in x-rate-limit-reset; else 0. */
    final long retryAtEpochSeconds;

    private ApiProblem(int status, Format format, String kind, String title, String detail,
                       List<Map<String, Object>> errors, Map<String, Object> extra) {
        this(status, format, kind, title, detail, errors, extra, 0);
    }

    private ApiProblem(int status, Format format, String kind, String title, String detail,
                       List<Map<String, Object>> errors, Map<String, Object> extra, long retryAtEpochSeconds) {
        super(status + " " + title + ": " + detail, null, false, false);
        this.retryAtEpochSeconds = retryAtEpochSeconds;
        this.status = status;
        this.format = format;
        this.kind = kind;
        this.title = title;
        this.detail = detail;
        this.errors = errors;
        this.extra = extra;
    }

    static ApiProblem invalidRequest(String message) {
        return invalidRequest(message, null);
    }

    /** X's 400: a fixed title and detail, the specifics in {@code errors[].message}. */
    static ApiProblem invalidRequest(String message, Map<String, Object> parameters) {
        Map<String, Object> error = Json.object("parameters", parameters, "message", message);
        return new ApiProblem(400, Format.PROBLEM, "invalid-request", "Invalid Request",
                "One or more parameters to your request was invalid.", List.of(error), Map.of());
    }

    static ApiProblem invalidJson() {
        return invalidRequest("Request body is not valid JSON.");
    }

    static ApiProblem invalidMediaIds(List<String> mediaIds) {
        return invalidRequest("Your media IDs are invalid.", Json.object("media.media_ids", mediaIds));
    }

    static ApiProblem blank(int status, String title, String detail) {
        return new ApiProblem(status, Format.PROBLEM, null, title, detail, List.of(), Map.of());
    }

    static ApiProblem unauthorized() {
        return blank(401, "Unauthorized", "Unauthorized");
    }

    static ApiProblem forbidden() {
        return blank(403, "Forbidden", "Forbidden");
    }

    static ApiProblem duplicateContent() {
        return blank(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    }

    static ApiProblem tooManyRequests() {
        return blank(429, "Too Many Requests", "Too Many Requests");
    }

    /** A 429 whose x-rate-limit-reset says exactly when to come back (an early STATUS poll). */
    static ApiProblem tooManyRequestsUntil(long epochSeconds) {
        return new ApiProblem(429, Format.PROBLEM, null, "Too Many Requests", "Too Many Requests", List.of(), Map.of(), epochSeconds);
    }

    static ApiProblem serverError(int status) {
        String title = switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Server Error";
        };
        return blank(status, title, title);
    }

    static ApiProblem notFound(String what) {
        return new ApiProblem(404, Format.PROBLEM, "resource-not-found", "Not Found Error",
                what, List.of(), Map.of());
    }

    /** X answered 413 with an empty body to a segment that was too big (FACTS §3). */
    static ApiProblem payloadTooLarge() {
        return new ApiProblem(413, Format.EMPTY, null, "Payload Too Large", "", List.of(), Map.of());
    }

    /** The OAuth endpoints speak RFC 6749's {@code error}/{@code error_description}, not problems. */
    static ApiProblem oauth(int status, String error, String description) {
        return new ApiProblem(status, Format.OAUTH_ERROR, null, error, description, List.of(), Map.of());
    }

    Map<String, Object> body(String problemHost) {
        return switch (format) {
            case EMPTY -> null;
            case OAUTH_ERROR -> Json.object("error", title, "error_description", detail);
            case PROBLEM -> {
                Map<String, Object> body = new LinkedHashMap<>();
                if (!errors.isEmpty()) {
                    body.put("errors", errors);
                }
                body.put("title", title);
                body.put("detail", detail);
                body.put("type", kind == null ? "about:blank" : problemHost + "/2/problems/" + kind);
                if (kind == null) {
                    body.put("status", status);
                }
                body.putAll(extra);
                yield body;
            }
        };
    }

    String contentType() {
        return format == Format.PROBLEM ? "application/problem+json" : "application/json";
    }
}
