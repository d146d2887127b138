package dev.outpost.bluesky;

import dev.outpost.ports.platform.PlatformException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;

/**
 * The one place where XRPC answers and transport failures become {@link PlatformException}s: by the error's NAME,
 * never by its status alone (an expired access token is a 400, FACTS §1).
 *
 * <ul>
 *   <li>{@code ExpiredToken}, {@code InvalidToken}, {@code AuthMissing}, {@code AuthenticationRequired}, any 401 →
 *       {@code Unauthorized}: the core refreshes once; a refresh refused the same way means the user must connect
 *       again;
 *   <li>{@code RateLimitExceeded} or 429 → {@code RateLimited} until {@code ratelimit-reset} (epoch seconds);
 *   <li>{@code BlobNotFound} → {@code MediaExpired} (the blob was collected before the post: upload it again);
 *   <li>{@code PayloadTooLarge} or 413 → {@code PayloadTooLarge};
 *   <li>any other 4xx → {@code InvalidRequest} with the error's name as its code and the server's message;
 *   <li>5xx, or a 2xx that is not JSON → {@code Ambiguous} for a call that creates, else {@code Transient};
 *   <li>no answer: never sent (refused, unreachable) → {@code Transient}; sent but unanswered → {@code Ambiguous} for a
 *       call that creates, else {@code Transient}.
 * </ul>
 * Messages name the method and the server and quote the server, never a token. Stateless.
 */
final class XrpcErrors {
    private XrpcErrors() {
    }

    static PlatformException failure(XrpcCall call, XrpcAnswer answer) {
        int status = answer.status();
        String name = answer.error();
        String head = "Bluesky answered " + status + (name.isEmpty() ? "" : " " + name) + " to " + call.where();
        String message = answer.message().isEmpty() ? head : head + ": " + answer.message();
        if (answer.ok()) {
            return lost(call, head + " with a body that is not JSON");
        }
        switch (name) {
            case "ExpiredToken", "InvalidToken", "AuthMissing", "AuthenticationRequired" -> {
                return new PlatformException.Unauthorized(message);
            }
            case "RateLimitExceeded" -> {
                return rateLimited(answer, message);
            }
            case "BlobNotFound" -> {
                return new PlatformException.MediaExpired(message
                        + " (the media was removed from the server before the post; it is uploaded again)");
            }
            case "PayloadTooLarge" -> {
                return new PlatformException.PayloadTooLarge(message);
            }
            default -> {
                // the status tells the rest
            }
        }
        if (status == 401) {
            return new PlatformException.Unauthorized(message);
        }
        if (status == 429) {
            return rateLimited(answer, message);
        }
        if (status == 413) {
            return new PlatformException.PayloadTooLarge(message);
        }
        if (status >= 400 && status < 500) {
            return new PlatformException.InvalidRequest(name.isEmpty() ? Integer.toString(status) : name, message);
        }
        return lost(call, message);
    }

    /** The call got no answer: was it sent? */
    static PlatformException noAnswer(XrpcCall call, IOException cause) {
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                + cause.getMessage());
        if (neverSent(cause)) {
            return new PlatformException.Transient("could not reach Bluesky for " + call.where() + " (" + reason
                    + ")", cause);
        }
        String message = "no answer from Bluesky to " + call.where() + " after it was sent (" + reason + ")";
        return call.creates() ? new PlatformException.Ambiguous(message + "; it may or may not have taken effect",
                cause) : new PlatformException.Transient(message, cause);
    }

    private static PlatformException lost(XrpcCall call, String message) {
        return call.creates() ? new PlatformException.Ambiguous(message + "; it may or may not have taken effect",
                null) : new PlatformException.Transient(message, null);
    }

    private static PlatformException.RateLimited rateLimited(XrpcAnswer answer, String message) {
        Instant reset = answer.headers().firstValue("ratelimit-reset").map(v -> {
            try {
                return Instant.ofEpochSecond(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        return new PlatformException.RateLimited(message + (reset == null ? "" : " (the limit resets at " + reset
                + ")"), reset);
    }

    private static boolean neverSent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }
}
