package dev.outpost.x;

import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.ErrorDecoder;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformException.Forbidden.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The one place where X's answers and transport failures become {@link PlatformException}s.
 *
 * <ul>
 *   <li>429 → {@code RateLimited} at {@code x-rate-limit-reset}; 401 → {@code Unauthorized}; 403 → {@code Forbidden}
 *       (duplicate content, missing scope, other); 413 → {@code PayloadTooLarge}; other 4xx → {@code InvalidRequest}
 *       keeping X's code and messages (the OAuth {@code error}/{@code error_description} on the token endpoint).
 *   <li>5xx, and a 2xx whose body is not JSON → {@code Ambiguous} for {@code POST /2/tweets} (the post may exist),
 *       {@code Transient} elsewhere (media calls repeat safely: an APPEND names its segment index).
 *   <li>No answer: refused or unreachable before sending → {@code Transient}; a timeout or reset after the request
 *       went out → {@code Ambiguous} for {@code POST /2/tweets}, {@code Transient} elsewhere.
 * </ul>
 * Messages name the method, path and status and quote X, never a token. Thread-safe and stateless.
 */
final class XErrorDecoder implements ErrorDecoder {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    @Override
    public Exception decode(String methodKey, Response response) {
        Request request = response.request();
        int status = response.status();
        XProblem problem = XProblem.parse(body(response));
        String head = "X answered " + status + " to " + XProblem.where(request) + ": ";
        if (status == 429) {
            Instant reset = resetAt(response);
            return new PlatformException.RateLimited(head + problem.message()
                    + (reset == null ? "" : " (rate limit resets at " + reset + ")"), reset);
        }
        if (status == 401) {
            return new PlatformException.Unauthorized(head + problem.message());
        }
        if (status == 403) {
            return new PlatformException.Forbidden(reason(request, problem), head + problem.message());
        }
        if (status == 413) {
            return new PlatformException.PayloadTooLarge(head + "the request of " + request.length()
                    + " bytes is too large; " + problem.message());
        }
        if (status >= 400 && status < 500) {
            return new PlatformException.InvalidRequest(problem.code(), head + problem.message());
        }
        String message = head + problem.message();
        return isPostCreation(request)
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
            throw isPostCreation(e.request())
                    ? new PlatformException.Ambiguous(e.getMessage() + "; the post may or may not exist", e)
                    : new PlatformException.Transient(e.getMessage(), e);
        } catch (FeignException e) {
            throw new PlatformException.Transient("calling " + XProblem.where(request(e)) + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The request never got an answer: was it sent? */
    private static PlatformException noAnswer(RetryableException e) {
        Request request = request(e);
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
                + Redaction.redactText(cause.getMessage()));
        if (neverSent(cause)) {
            return new PlatformException.Transient("could not reach X for " + XProblem.where(request) + " at "
                    + host(request) + " (" + reason + ")", cause);
        }
        String message = "no answer from X to " + XProblem.where(request) + " after it was sent (" + reason + ")";
        return isPostCreation(request)
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

    /** Creating a post is the one call X does not make safe to repeat. */
    static boolean isPostCreation(Request request) {
        return request != null && request.httpMethod() == Request.HttpMethod.POST
                && URI.create(request.url()).getPath().endsWith("/2/tweets");
    }

    private static Reason reason(Request request, XProblem problem) {
        if (problem.mentions("duplicate")) {
            return Reason.DUPLICATE_CONTENT;
        }
        if (problem.mentions("scope") || problem.mentions("unsupported-authentication")) {
            return Reason.MISSING_SCOPE;
        }
        // X answers a bare "Forbidden" problem to media calls without media.write (FACTS §4).
        boolean media = request != null && URI.create(request.url()).getPath().contains("/2/media");
        return media && problem.messages().equals(java.util.List.of("Forbidden")) ? Reason.MISSING_SCOPE
                : Reason.OTHER;
    }

    private static Instant resetAt(Response response) {
        Collection<String> values = response.headers().get("x-rate-limit-reset");
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(values.iterator().next().strip()));
        } catch (NumberFormatException e) {
            return null;
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

    private static String host(Request request) {
        if (request == null) {
            return "?";
        }
        URI uri = URI.create(request.url());
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
