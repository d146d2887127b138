package dev.outpost.ports.platform;

import java.time.Instant;
import java.util.Optional;

/**
 * The few kinds of platform failure the core acts on differently. Each adapter maps its platform's answers to these
 * in one place. Messages are for people and never contain tokens.
 */
public abstract sealed class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PlatformException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying the same request again later can succeed without changing it. */
    public abstract boolean isRetryable();

    /** Too many requests: wait until {@code resetAt} (when the platform said). */
    public static final class RateLimited extends PlatformException {
        private static final long serialVersionUID = 1L;
        private final transient Instant resetAt;

        public RateLimited(String message, Instant resetAt) {
            super(message, null);
            this.resetAt = resetAt;
        }

        public Optional<Instant> resetAt() {
            return Optional.ofNullable(resetAt);
        }

        @Override
        public boolean isRetryable() {
            return true;
        }
    }

    /**
     * The credentials were refused (expired, invalid, revoked), whatever status the platform used to say so: refresh
     * them once, then repeat the request once.
     */
    public static final class Unauthorized extends PlatformException {
        private static final long serialVersionUID = 1L;

        public Unauthorized(String message) {
            super(message, null);
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }

    /** The platform refuses this action for this account. */
    public static final class Forbidden extends PlatformException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        public enum Reason { MISSING_SCOPE, DUPLICATE_CONTENT, OTHER }

        public Forbidden(Reason reason, String message) {
            super(message, null);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }

    /** The request is wrong in a way the platform explained; {@code code} is its error code or problem type. */
    public static final class InvalidRequest extends PlatformException {
        private static final long serialVersionUID = 1L;
        private final String code;

        public InvalidRequest(String code, String message) {
            super(message, null);
            this.code = code == null ? "" : code;
        }

        public String code() {
            return code;
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }

    /** The body was too large for the platform (413): split it and send the parts. */
    public static final class PayloadTooLarge extends PlatformException {
        private static final long serialVersionUID = 1L;

        public PayloadTooLarge(String message) {
            super(message, null);
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }

    /** Media attached to a post is gone from the platform (collected, expired): upload it again, then post. */
    public static final class MediaExpired extends PlatformException {
        private static final long serialVersionUID = 1L;

        public MediaExpired(String message) {
            super(message, null);
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }

    /** Failed, and it certainly had no effect, or has none that a repeat would double (5xx on uploads, refused). */
    public static final class Transient extends PlatformException {
        private static final long serialVersionUID = 1L;

        public Transient(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean isRetryable() {
            return true;
        }
    }

    /** The request may or may not have taken effect (timeout or reset after sending, 5xx on a post). */
    public static final class Ambiguous extends PlatformException {
        private static final long serialVersionUID = 1L;

        public Ambiguous(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean isRetryable() {
            return false;
        }
    }
}
