package dev.outpost.mastodon;

import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformException.Forbidden.Reason;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one place where a Mastodon server's answers and transport failures become {@link PlatformException}s.
 *
 * <ul>
 *   <li>401 → {@code Unauthorized} (the token is invalid or revoked: tokens never expire, so the account needs
 *       connecting again); 403 → {@code Forbidden} (a missing scope, or other); 413 → {@code PayloadTooLarge};
 *       429 → {@code RateLimited} at {@code X-RateLimit-Reset} (an ISO 8601 time).
 *   <li>422 on {@code POST /api/v1/statuses}: "not finished processing" → {@code Transient} (nothing was made; the
 *       core waits and sends it again); media "not found or already attached" → {@code MediaExpired}; anything else
 *       → {@code InvalidRequest} with the server's own message. 422 elsewhere, other 4xx → {@code InvalidRequest}
 *       (the OAuth {@code error} as its code).
 *   <li>5xx, and a 2xx whose body is not JSON → {@code Ambiguous} for {@code POST /api/v1/statuses} (the status may
 *       exist), {@code Transient} elsewhere (a repeated upload at worst leaves an unattached file the server deletes).
 *   <li>No answer: refused or unreachable before sending → {@code Transient}; a timeout or reset after the request
 *       went out → {@code Ambiguous} for a status, {@code Transient} elsewhere.
 * </ul>
 * Messages name the method, path and server and quote the server, never a token. Thread-safe and stateless.
 */
final class MastodonErrorDecoder implements ErrorDecoder {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    @Override
    public Exception decode(String methodKey, Response response) {
        Request request = response.request();
        int status = response.status();
        MastodonError error = MastodonError.parse(body(response));
        String head = MastodonError.host(request) + " answered " + status + " to " + MastodonError.where(request)
                + ": ";
        if (status == 429) {
            Instant reset = resetAt(response);
            return new PlatformException.RateLimited(head + error.message() + (reset == null ? ""
                    : " (the limit resets at " + reset + ")"), reset);
        }
        if (status == 401) {
            return new PlatformException.Unauthorized(head + error.message()
                    + " (the token was revoked or is not valid: connect the account again)");
        }
        if (status == 403) {
            boolean scope = error.message().toLowerCase(Locale.ROOT).contains("scope");
            return new PlatformException.Forbidden(scope ? Reason.MISSING_SCOPE : Reason.OTHER, head
                    + error.message());
        }
        if (status == 413) {
            return new PlatformException.PayloadTooLarge(head + "the file is larger than the server takes");
        }
        if (status == 422 && isStatusCreation(request)) {
            String message = error.message();
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("not finished processing")) {
                return new PlatformException.Transient(head + message, null);
            }
            if (lower.startsWith("media ") && lower.contains("not found")) {
                return new PlatformException.MediaExpired(head + message);
            }
            return new PlatformException.InvalidRequest("validation", MastodonError.host(request)
                    + " refused the post: " + message);
        }
        if (status >= 400 && status < 500) {
            String code = error.description() != null ? error.error() : status == 404 ? "not_found"
                    : status == 422 ? "validation" : "http_" + status;
            return new PlatformException.InvalidRequest(code, head + error.message());
        }
        String message = head + error.message();
        return isStatusCreation(request)
                ? new PlatformException.Ambiguous(message + "; the post may or may not exist", null)
                : new PlatformException.Transient(message, null);
    }

    /** Runs one Feign call, turning what Feign throws without an HTTP error answer into a platform failure. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RetryableException e) {
            throw noAnswer(e);
        } catch (DecodeException e) {
            throw isStatusCreation(e.request())
                    ? new PlatformException.Ambiguous(e.getMessage() + "; the post may or may not exist", e)
                    : new PlatformException.Transient(e.getMessage(), e);
        } catch (FeignException e) {
            throw new PlatformException.Transient("calling " + MastodonError.where(request(e)) + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The request never got an answer: was it sent? */
    private static PlatformException noAnswer(RetryableException e) {
        Request request = request(e);
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                + Redaction.redactText(cause.getMessage()));
        if (neverSent(cause)) {
            return new PlatformException.Transient("could not reach " + MastodonError.host(request) + " for "
                    + MastodonError.where(request) + " (" + reason + ")", cause);
        }
        String message = "no answer to " + MastodonError.where(request) + " after it was sent (" + reason + ")";
        return isStatusCreation(request)
                ? new PlatformException.Ambiguous(message + "; the post may or may not exist", cause)
                : new PlatformException.Transient(message, cause);
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

    /** Creating a status is the one call whose effect a lost answer leaves unknown. */
    static boolean isStatusCreation(Request request) {
        return request != null && request.httpMethod() == Request.HttpMethod.POST
                && URI.create(request.url()).getPath().endsWith("/api/v1/statuses");
    }

    private static Instant resetAt(Response response) {
        Collection<String> values = response.headers().get("X-RateLimit-Reset");
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next().strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static byte[] body(Response response) {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        } finally {
            Util.ensureClosed(response.body());
        }
    }

    private static Request request(FeignException e) {
        try {
            return e.request();
        } catch (RuntimeException missing) {
            return null;
        }
    }
}
