package dev.outpost.ports.platform.fake;

import java.time.Instant;
import java.util.Objects;

/**
 * A failure as it appears on the wire, before the plugin's error mapping: a connection that failed, or an HTTP status
 * with the platform's error name. Fake servers throw these, and tests script them, so that each fake plugin's own
 * mapping decides what the core sees (an expired token answered as a 400 with an error name becomes
 * {@link dev.outpost.ports.platform.PlatformException.Unauthorized} in one shape and not in another). Scripted
 * {@link dev.outpost.ports.platform.PlatformException}s skip the mapping.
 */
public final class WireFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the request failed. */
    public enum Kind {
        /** Nothing reached the platform (connection refused). */
        REFUSED,
        /** The connection broke while the request was being sent. */
        RESET,
        /** The request was sent and no answer came. */
        TIMEOUT,
        /** The platform answered with an error status. */
        HTTP
    }

    private final Kind kind;
    private final int status;
    private final String error;
    private final transient Instant resetAt;

    private WireFault(Kind kind, int status, String error, String message, Instant resetAt) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.error = error == null ? "" : error;
        this.resetAt = resetAt;
    }

    public static WireFault refused() {
        return new WireFault(Kind.REFUSED, 0, "", "connection refused (scripted)", null);
    }

    public static WireFault reset() {
        return new WireFault(Kind.RESET, 0, "", "connection reset while sending (scripted)", null);
    }

    public static WireFault timeout() {
        return new WireFault(Kind.TIMEOUT, 0, "", "no answer within the read timeout (scripted)", null);
    }

    /** An error answer: {@code status}, the platform's error name or code, and its message. */
    public static WireFault http(int status, String error, String message) {
        return new WireFault(Kind.HTTP, status, error, message, null);
    }

    /** A 429 whose reset header says {@code resetAt} (null: no header). */
    public static WireFault tooManyRequests(Instant resetAt) {
        return new WireFault(Kind.HTTP, 429, "RateLimitExceeded", "429 Too Many Requests", resetAt);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 for a connection failure. */
    public int status() {
        return status;
    }

    /** The platform's error name or code, empty when none. */
    public String error() {
        return error;
    }

    public Instant resetAt() {
        return resetAt;
    }
}
