package dev.outpost.mastodonsandbox;

import java.time.Instant;

/**
 * An answer that ends a request early, in Mastodon's shape: {@code {"error": "..."}}, with {@code error_description}
 * for OAuth errors. Thrown by handlers; the pipeline writes it.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String error;
    final String description;
    /** For 429: when the limit resets (sent as X-RateLimit-Reset); else null. */
    final transient Instant resetAt;

    private ApiError(int status, String error, String description, Instant resetAt) {
        super(status + " " + error, null, false, false);
        this.status = status;
        this.error = error;
        this.description = description;
        this.resetAt = resetAt;
    }

    static ApiError of(int status, String error) {
        return new ApiError(status, error, null, null);
    }

    static ApiError oauth(int status, String error, String description) {
        return new ApiError(status, error, description, null);
    }

    /** 401 for a missing, unknown or revoked token: Doorkeeper's words. */
    static ApiError invalidToken() {
        return of(401, "The access token is invalid");
    }

    static ApiError revokedToken() {
        return of(401, "The access token was revoked");
    }

    static ApiError outsideScopes() {
        return of(403, "This action is outside the authorized scopes");
    }

    static ApiError notFound() {
        return of(404, "Record not found");
    }

    /** 422 "Validation failed: ..." as ActiveRecord validations answer. */
    static ApiError validation(String what) {
        return of(422, "Validation failed: " + what);
    }

    static ApiError tooManyRequests(Instant resetAt) {
        return new ApiError(429, "Too many requests", null, resetAt);
    }

    static ApiError serverError(int status) {
        return of(status, status == 503 ? "Service Unavailable" : "We're sorry, but something went wrong on our end.");
    }

    java.util.Map<String, Object> body() {
        return description == null ? Json.object("error", error)
                : Json.object("error", error, "error_description", description);
    }
}
