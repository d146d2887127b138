package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.PlatformException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;

/**
 * Ready-made failures for scripting fakes: {@link PlatformException}s as a plugin would report them (they reach the
 * core unchanged), and {@link WireFault}s as the platform would answer (each fake plugin maps them as its platform
 * requires).
 */
public final class Faults {
    private Faults() {
    }

    /** A 5xx on a media call, or a connection refused before anything was sent. */
    public static PlatformException.Transient transientFailure() {
        return new PlatformException.Transient("503 Service Unavailable (scripted)", null);
    }

    /** Connection refused: nothing reached the platform. */
    public static PlatformException.Transient connectionRefused() {
        return new PlatformException.Transient("connection refused (scripted)", new ConnectException("refused"));
    }

    /** A reset in the middle of the body (U1): the request may be incomplete; safe to resend by part index. */
    public static PlatformException.Transient resetWhileSending() {
        return new PlatformException.Transient("connection reset while sending (scripted)",
                new IOException("Connection reset"));
    }

    /** A media request whose answer was lost after the platform acted on it (U2). Use with {@code ...AfterEffect}. */
    public static PlatformException.Transient lostMediaAnswer() {
        return new PlatformException.Transient("no answer within the read timeout (scripted)",
                new SocketTimeoutException("Read timed out"));
    }

    /** A read timeout after a post request went out (P1): the post may exist. */
    public static PlatformException.Ambiguous timeout() {
        return new PlatformException.Ambiguous("no answer within the read timeout (scripted)",
                new SocketTimeoutException("Read timed out"));
    }

    /** A 5xx answer to a post (P1): it may or may not exist. */
    public static PlatformException.Ambiguous serverErrorOnPost() {
        return new PlatformException.Ambiguous("502 Bad Gateway (scripted)", null);
    }

    public static PlatformException.RateLimited rateLimited(Instant resetAt) {
        return new PlatformException.RateLimited("429 Too Many Requests (scripted)", resetAt);
    }

    public static PlatformException.Unauthorized unauthorized() {
        return new PlatformException.Unauthorized("401 Unauthorized (scripted)");
    }

    public static PlatformException.PayloadTooLarge payloadTooLarge() {
        return new PlatformException.PayloadTooLarge("413 Payload Too Large (scripted)");
    }

    public static PlatformException.Forbidden duplicateContent() {
        return new PlatformException.Forbidden(PlatformException.Forbidden.Reason.DUPLICATE_CONTENT,
                "You are not allowed to create a post with duplicate content. (scripted)");
    }

    public static PlatformException.InvalidRequest invalidRequest(String message) {
        return new PlatformException.InvalidRequest("invalid-request", message + " (scripted)");
    }

    public static PlatformException.MediaExpired mediaExpired() {
        return new PlatformException.MediaExpired("the attached media is gone (scripted)");
    }

    /** What a refresh with an already rotated refresh token gets (A4). */
    public static PlatformException.InvalidRequest invalidGrant() {
        return new PlatformException.InvalidRequest("invalid_request", "Value passed for the token was invalid.");
    }

    // ---- on the wire, for each plugin's own mapping

    /** A 5xx answer. */
    public static WireFault http5xx() {
        return WireFault.http(503, "ServiceUnavailable", "503 Service Unavailable (scripted)");
    }

    /** A 401, as X and Mastodon answer a refused token. */
    public static WireFault http401() {
        return WireFault.http(401, "Unauthorized", "401 Unauthorized (scripted)");
    }

    /** A 429 with its reset time. */
    public static WireFault http429(Instant resetAt) {
        return WireFault.tooManyRequests(resetAt);
    }

    /** An error answer naming the platform's error, such as a 400 {@code ExpiredToken}. */
    public static WireFault httpError(int status, String error) {
        return WireFault.http(status, error, status + " " + error + " (scripted)");
    }
}
