package dev.outpost.mastodonsandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What every emulated endpoint goes through: latency, the bearer token (when the request carries one, or must),
 * the rate limit, fault injection, the handler, then the answer with Mastodon's rate-limit headers
 * ({@code X-RateLimit-Reset} an ISO 8601 time), a log entry and the exchange observer.
 */
final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** OAuth endpoints: their bodies and answers hold codes, verifiers, secrets and tokens. */
    private static final Set<Endpoint> SECRET = EnumSet.of(Endpoint.APPS, Endpoint.TOKEN, Endpoint.REVOKE,
            Endpoint.AUTHORIZE);
    private static final long LINGER_BYTES = 8L << 20;
    private static final List<String> SECRET_FIELDS = List.of("access_token", "client_secret", "code",
            "code_verifier", "token", "refresh_token");

    @FunctionalInterface
    interface CallHandler {
        void handle(Call call) throws Exception;
    }

    private final SandboxRuntime runtime;

    Pipeline(SandboxRuntime runtime) {
        this.runtime = runtime;
    }

    /** @param tokenRequired whether a request without a valid token is refused (else it is served anonymously) */
    Handler route(Endpoint endpoint, boolean tokenRequired, CallHandler handler) {
        return ctx -> run(ctx, endpoint, tokenRequired, handler);
    }

    private void run(Context ctx, Endpoint endpoint, boolean tokenRequired, CallHandler handler) {
        Call call = new Call(ctx, endpoint);
        FaultRule fired = null;
        boolean dropped = false;
        boolean refused = false;
        ServerState.RateVerdict verdict = null;
        try {
            sleep(runtime.config.latency());
            authenticate(call, tokenRequired);
            verdict = runtime.state.count(call.userId() != null ? call.userId() : "ip:" + ctx.ip(),
                    runtime.config.rateLimit(), runtime.config.rateLimitWindow());
            fired = runtime.faults.onCall(endpoint).orElse(null);
            FaultRule.Action fault = fired == null ? null : fired.action();
            if (fault instanceof FaultRule.Respond respond) {
                if (respond.status() == 429) {
                    Instant reset = runtime.state.now().plus(respond.resetIn() == null ? Duration.ofMinutes(1)
                            : respond.resetIn()).truncatedTo(ChronoUnit.SECONDS);
                    verdict = new ServerState.RateVerdict(verdict.limit(), 0, reset);
                    throw ApiError.tooManyRequests(reset);
                }
                throw respond.status() >= 500 ? ApiError.serverError(respond.status())
                        : ApiError.of(respond.status(), "Injected by the sandbox");
            }
            if (fault instanceof FaultRule.ResetDuringBody reset) {
                readPartOfBody(call, reset.afterBytes());
                throw new Connections.Aborted();
            }
            if (verdict.exceeded()) {
                throw ApiError.tooManyRequests(verdict.resetAt());
            }
            handler.handle(call);
            if (fault instanceof FaultRule.DelayAnswer delay) {
                sleep(delay.delay());
            }
            if (fault instanceof FaultRule.DropAnswer) {
                throw new Connections.Aborted();
            }
        } catch (ApiError error) {
            call.error(error);
            refused = true;
        } catch (Connections.Aborted aborted) {
            dropped = true;
        } catch (java.io.UncheckedIOException | IOException e) {
            LOG.debug("{} {}: client connection failed: {}", ctx.method(), ctx.path(), e.toString());
            dropped = true;
        } catch (Exception e) {
            LOG.warn("{} {} failed in the sandbox", ctx.method(), ctx.path(), e);
            call.error(ApiError.serverError(500));
        }
        if (verdict == null) {
            verdict = runtime.state.count("ip:" + ctx.ip(), runtime.config.rateLimit(),
                    runtime.config.rateLimitWindow());
        }
        if (!dropped && endpoint != Endpoint.AUTHORIZE) {
            call.headers.put("X-RateLimit-Limit", Integer.toString(verdict.limit()));
            call.headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, verdict.remaining())));
            call.headers.put("X-RateLimit-Reset", verdict.resetAt().truncatedTo(ChronoUnit.MILLIS).toString());
        }
        if (refused) {
            keepSmallBody(call);
        }
        // logged before the connection is cut, so a test that sees the reset also sees the entry
        record(call, fired, dropped);
        if (dropped) {
            Connections.reset(ctx.req());
            return;
        }
        if (refused) {
            discardUnreadBody(ctx);
        }
        answer(ctx, call);
    }

    /** Reads the bearer token; a wrong one is refused even where none is needed, as Doorkeeper does. */
    private void authenticate(Call call, boolean required) {
        String header = call.ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            if (required) {
                throw ApiError.invalidToken();
            }
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.invalidToken();
        }
        ServerState.Grant grant = runtime.state.grant(header.substring(7).strip()).orElseThrow(ApiError::invalidToken);
        if (grant.revoked()) {
            throw ApiError.revokedToken();
        }
        call.grant = grant;
    }

    private static void answer(Context ctx, Call call) {
        call.headers.forEach(ctx::header);
        ctx.status(call.status);
        if (call.redirectTo != null) {
            ctx.header("Location", call.redirectTo);
        }
        if (call.responseBody != null) {
            ctx.contentType(call.contentType);
            ctx.result(call.responseBody);
        } else {
            ctx.result(new byte[0]);
            ctx.res().setContentType(null);
        }
    }

    /** Reads a small body the handler never read (a refused request's), for the log and the observer. */
    private static void keepSmallBody(Call call) {
        long length = call.ctx.req().getContentLengthLong();
        if (call.smallBodyOrNull() == null && call.bodyBytesRead() == 0 && length > 0
                && length <= Call.SMALL_BODY_LIMIT && !call.requestContentType().startsWith("multipart/")) {
            try {
                call.bodyBytes();
            } catch (RuntimeException e) {
                // the client is gone: nothing to keep
            }
        }
    }

    /** Reads what is left of a refused request's body (up to a limit), so a client still sending gets the answer. */
    private static void discardUnreadBody(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] chunk = new byte[16 * 1024];
            for (long left = LINGER_BYTES; left > 0; ) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone, or the body was already read: the answer goes out as it can
        }
    }

    private static void readPartOfBody(Call call, long afterBytes) throws IOException {
        long length = call.ctx.req().getContentLengthLong();
        long wanted = afterBytes >= 0 ? afterBytes : length > 0 ? length / 2 : 64 * 1024;
        InputStream in = call.body();
        byte[] chunk = new byte[8192];
        for (long read = 0; read < wanted; ) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, wanted - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
    }

    private void record(Call call, FaultRule fault, boolean dropped) {
        Context ctx = call.ctx;
        int status = dropped ? 0 : call.status;
        runtime.requests.add(new LoggedRequest(call.endpoint, ctx.method().name(), ctx.path(), status, call.userId(),
                ctx.header("Idempotency-Key"), call.bodyBytesRead(), fault == null ? null : fault.spec(),
                runtime.state.now()));
        ExchangeObserver observer = runtime.config.exchangeObserver();
        if (observer == null) {
            return;
        }
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> requestHeaders.put(k.toLowerCase(Locale.ROOT),
                k.equalsIgnoreCase("authorization") ? "Bearer ***" : v));
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        call.headers.forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
        boolean multipart = call.requestContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
        boolean secret = SECRET.contains(call.endpoint);
        byte[] requestBody = multipart ? null : call.smallBodyOrNull();
        byte[] responseBody = dropped ? null : call.responseBody;
        try {
            observer.onExchange(new ExchangeObserver.Exchange(call.endpoint, ctx.method().name(), ctx.path(),
                    ctx.queryParamMap(), requestHeaders, secret ? masked(requestBody) : requestBody,
                    multipart ? List.copyOf(call.partNames) : List.of(),
                    secret ? Map.of() : Map.copyOf(call.multipartFields), status, responseHeaders, call.contentType,
                    secret ? masked(responseBody) : responseBody, dropped));
        } catch (RuntimeException e) {
            LOG.warn("exchange observer failed", e);
        }
    }

    /**
     * A JSON body with the values of its secret fields replaced by {@code "***"} (the shape kept for validation);
     * null for any other body.
     */
    private static byte[] masked(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(body);
            if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
                return null;
            }
            for (String field : SECRET_FIELDS) {
                if (object.hasNonNull(field) && object.get(field).isTextual()) {
                    object.put(field, "***");
                }
            }
            return Json.bytes(object);
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    }

    /** The log of every request, oldest first. */
    static final class Requests {
        private final ConcurrentLinkedQueue<LoggedRequest> all = new ConcurrentLinkedQueue<>();

        void add(LoggedRequest request) {
            all.add(request);
        }

        List<LoggedRequest> list() {
            return List.copyOf(all);
        }

        void clear() {
            all.clear();
        }
    }
}
