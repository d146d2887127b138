package dev.outpost.xsandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every emulated endpoint goes through, in order: added latency, bearer authentication,
 * rate limiting, fault injection, the handler, then the answer with X's rate-limit headers, an
 * entry in the request log and a call to the exchange observer.
 */
final class RequestPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);
    /** How much of a refused request's unread body is read and dropped before answering (see discardUnreadBody). */
    private static final long LINGER_BYTES = 8L << 20;
    private static final Set<String> SECRET_PARAMS = Set.of("code", "code_verifier", "token", "refresh_token",
            "access_token", "client_secret");
    private static final List<String> LOGGED_HEADERS = List.of("authorization", "content-length", "transfer-encoding",
            "user-agent", "accept", "expect");

    /** A handler of one endpoint. */
    @FunctionalInterface
    interface CallHandler {
        void handle(Call call) throws Exception;
    }

    private final SandboxRuntime runtime;

    RequestPipeline(SandboxRuntime runtime) {
        this.runtime = runtime;
    }

    Handler route(Endpoint endpoint, boolean bearer, CallHandler handler) {
        return ctx -> run(ctx, endpoint, bearer, handler);
    }

    private void run(Context ctx, Endpoint endpoint, boolean bearer, CallHandler handler) {
        long sequence = runtime.requestLog.nextSequence();
        String at = runtime.now().toString();
        Faults faults = runtime.faults;
        Call call = new Call(ctx, endpoint, faults.bandwidthBytesPerSecond());
        FaultRule firedRule = null;
        boolean dropped = false;
        boolean refused = false;
        RateLimits.Verdict verdict = null;
        try {
            sleep(faults.latency());
            if (bearer) {
                authenticate(call);
            }
            verdict = runtime.rateLimits.count(endpoint, call.userId() != null ? call.userId() : "ip:" + ctx.ip());
            firedRule = faults.onCall(endpoint).orElse(null);
            FaultAction fault = firedRule == null ? null : firedRule.action();
            if (fault instanceof FaultAction.Respond respond) {
                if (respond.status() == 429) {
                    verdict = runtime.rateLimits.exhausted(endpoint);
                    throw ApiProblem.tooManyRequests();
                }
                throw respond.status() >= 500 ? ApiProblem.serverError(respond.status())
                        : ApiProblem.blank(respond.status(), "Error", "Injected by the sandbox.");
            }
            if (fault instanceof FaultAction.ResetDuringBody reset) {
                readPartOfBody(call, reset.afterBytes());
                throw new Connections.Aborted();
            }
            if (verdict.exceeded()) {
                throw ApiProblem.tooManyRequests();
            }
            handler.handle(call);
            if (fault instanceof FaultAction.DelayResponse delay) {
                sleep(delay.delay());
            }
            if (fault instanceof FaultAction.DropResponse) {
                throw new Connections.Aborted();
            }
        } catch (ApiProblem problem) {
            if (problem.retryAtEpochSeconds > 0 && verdict != null) {
                verdict = new RateLimits.Verdict(verdict.limit(), 0, problem.retryAtEpochSeconds, true);
            }
            call.problem(problem, runtime.config.problemTypeHost());
            refused = true;
        } catch (Connections.Aborted aborted) {
            dropped = true;
        } catch (IOException e) {
            // the client went away mid-request: nothing to answer
            LOG.debug("{} {}: client connection failed: {}", ctx.method(), ctx.path(), e.toString());
            dropped = true;
        } catch (Exception e) {
            LOG.warn("{} {} failed in the sandbox", ctx.method(), ctx.path(), e);
            call.problem(ApiProblem.serverError(500), runtime.config.problemTypeHost());
        }
        if (verdict == null) {
            // refused before it was counted (no valid token): still answer with X's headers
            verdict = runtime.rateLimits.count(endpoint, "ip:" + ctx.ip());
        }
        // logged before the connection is cut, so a test that sees the reset also sees the entry
        record(call, sequence, at, firedRule, dropped);
        if (dropped) {
            Connections.reset(ctx.req());
        } else {
            if (refused) {
                discardUnreadBody(ctx);
            }
            answer(ctx, call, verdict);
        }
    }

    private void authenticate(Call call) {
        String header = call.ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized();
        }
        call.grant = runtime.authorizations.authenticate(header.substring(7).trim())
                .orElseThrow(ApiProblem::unauthorized);
    }

    private static void answer(Context ctx, Call call, RateLimits.Verdict verdict) {
        if (verdict != null) {
            ctx.header("x-rate-limit-limit", Integer.toString(verdict.limit()));
            ctx.header("x-rate-limit-remaining", Integer.toString(verdict.remaining()));
            ctx.header("x-rate-limit-reset", Long.toString(verdict.resetEpochSeconds()));
        }
        ctx.status(call.status);
        if (call.redirectTo != null) {
            ctx.header("Location", call.redirectTo);
        }
        if (call.responseBody != null) {
            ctx.contentType(call.contentType);
            ctx.result(call.responseBody);
        } else {
            ctx.result(new byte[0]);
            ctx.res().setContentType(null); // X's 204 and redirects carry no content type
        }
    }

    /**
     * Reads and drops what is left of a refused request's body, up to {@link #LINGER_BYTES}, as front ends do before
     * they answer early (nginx's lingering close): a client still sending then reads the answer instead of losing it
     * to a reset. A longer body is cut off, so an oversized upload is still stopped early.
     */
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
            // the client is gone, or the body was already taken apart: the answer goes out as it can
        }
    }

    /** Reads part of the body before a reset, so the connection dies while the client is still sending. */
    private static void readPartOfBody(Call call, long afterBytes) throws IOException {
        long wanted = afterBytes >= 0 ? afterBytes
                : call.ctx.req().getContentLengthLong() > 0 ? call.ctx.req().getContentLengthLong() / 2 : 64 * 1024;
        InputStream in = call.body();
        byte[] chunk = new byte[8192];
        long read = 0;
        while (read < wanted) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, wanted - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
    }

    private void record(Call call, long sequence, String at, FaultRule fault, boolean dropped) {
        Context ctx = call.ctx;
        Map<String, String> selected = new LinkedHashMap<>();
        for (String name : LOGGED_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                selected.put(name, name.equals("authorization") ? scheme(value) : value);
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, SECRET_PARAMS.contains(k) ? "***" : String.join(",", v)));
        int status = dropped ? 0 : call.status;
        runtime.requestLog.add(new LoggedRequest(sequence, at, ctx.method().name(), ctx.path(), query,
                emptyToNull(call.requestContentType()), selected, List.copyOf(call.partNames), call.userId(),
                call.endpoint.key(), status, call.bodyBytesRead(), fault == null ? null : fault.spec()));
        ExchangeObserver observer = runtime.config.exchangeObserver();
        if (observer != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
                    k.equalsIgnoreCase("authorization") ? scheme(v) + " ***" : v));
            boolean multipart = call.requestContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
            // OAuth bodies carry codes, verifiers, secrets and tokens: observers never see them
            boolean secret = call.endpoint == Endpoint.TOKEN || call.endpoint == Endpoint.REVOKE || call.endpoint == Endpoint.AUTHORIZE;
            try {
                observer.onExchange(new ExchangeObserver.Exchange(ctx.method().name(), ctx.path(), ctx.queryParamMap(),
                        headers, multipart || secret ? null : call.smallBodyOrNull(), multipart ? List.copyOf(call.partNames) : List.of(), Map.copyOf(call.multipartFields),
                        status, call.contentType, dropped || secret ? null : call.responseBody, dropped));
            } catch (RuntimeException e) {
                LOG.warn("exchange observer failed", e);
            }
        }
    }

    private static String scheme(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? "(malformed)" : authorization.substring(0, space);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    }
}
