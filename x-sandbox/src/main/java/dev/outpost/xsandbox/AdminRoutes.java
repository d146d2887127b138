package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /__sandbox/…}: inspect and steer a running sandbox over HTTP (JSON in, JSON out).
 * These calls are not X's, so they are neither rate limited, faulted nor logged.
 */
final class AdminRoutes {
    private final XSandbox sandbox;
    private final SandboxRuntime runtime;

    AdminRoutes(XSandbox sandbox, SandboxRuntime runtime) {
        this.sandbox = sandbox;
        this.runtime = runtime;
    }

    void state(Context ctx) {
        json(ctx, 200, runtime.state());
    }

    void requests(Context ctx) {
        json(ctx, 200, Json.object("requests", runtime.requestLog.all()));
    }

    void reset(Context ctx) {
        runtime.reset();
        json(ctx, 200, Json.object("reset", true));
    }

    /**
     * Body fields, all optional: {@code rules} (["append@3=reset", …]), {@code latency_ms},
     * {@code bandwidth_bytes_per_second}, {@code fail_processing}, {@code token_outage} (bool),
     * {@code clear} (bool, applied first).
     */
    void faults(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        Faults faults = runtime.faults;
        try {
            if (body.path("clear").asBoolean(false)) {
                faults.clear();
            }
            List<FaultRule> rules = new ArrayList<>();
            body.path("rules").forEach(r -> rules.add(FaultRule.parse(r.asText())));
            rules.forEach(faults::add);
            if (body.has("latency_ms")) {
                faults.latency(Duration.ofMillis(body.get("latency_ms").asLong()));
            }
            if (body.has("bandwidth_bytes_per_second")) {
                faults.bandwidth(body.get("bandwidth_bytes_per_second").asLong());
            }
            if (body.has("fail_processing")) {
                faults.failProcessing(body.get("fail_processing").asInt());
            }
            if (body.has("token_outage")) {
                if (body.get("token_outage").asBoolean()) {
                    faults.tokenOutage();
                } else {
                    faults.endTokenOutage();
                }
            }
        } catch (IllegalArgumentException e) {
            json(ctx, 400, Json.object("error", e.getMessage()));
            return;
        }
        showFaults(ctx);
    }

    void showFaults(Context ctx) {
        Faults f = runtime.faults;
        json(ctx, 200, Json.object("rules", f.rules(), "latency_ms", f.latency().toMillis(),
                "bandwidth_bytes_per_second", f.bandwidthBytesPerSecond(), "fail_processing", f.processingFailuresLeft()));
    }

    void clearFaults(Context ctx) {
        runtime.faults.clear();
        showFaults(ctx);
    }

    /** {@code {"client_id":…, "client_secret":… or absent for a public client, "redirect_uris":[…]}} */
    void registerClient(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        List<String> uris = new ArrayList<>();
        body.path("redirect_uris").forEach(u -> uris.add(u.asText()));
        String secret = body.hasNonNull("client_secret") ? body.get("client_secret").asText() : null;
        sandbox.registerClient(body.path("client_id").asText(), secret, uris.toArray(String[]::new));
        json(ctx, 201, Json.object("client_id", body.path("client_id").asText(), "confidential", secret != null, "redirect_uris", uris));
    }

    /** {@code {"id":"123", "username":"alice", "name":"Alice"}} */
    void registerUser(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        SandboxUser user = new SandboxUser(body.path("id").asText(), body.path("username").asText(),
                body.path("name").asText(body.path("username").asText()));
        sandbox.registerUser(user);
        json(ctx, 201, user);
    }

    /** Issues tokens without the consent dance: {@code {"user_id"?, "client_id"?, "scope"?}}. */
    void issueTokens(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String userId = body.path("user_id").asText(runtime.config.defaultUser().id());
        String clientId = body.path("client_id").asText(runtime.config.defaultClient().clientId());
        Set<String> scopes = body.has("scope") ? Authorizations.parseScopes(body.get("scope").asText()) : XSandbox.DEFAULT_SCOPES;
        TokenPair pair = sandbox.issueTokens(clientId, userId, scopes);
        json(ctx, 201, Json.object("token_type", "bearer", "expires_in", pair.expiresInSeconds(), "access_token", pair.accessToken(),
                "scope", pair.scope(), "refresh_token", pair.refreshToken()));
    }

    /** {@code {"auto_approve": bool, "reject_early_status_polls": bool}} */
    void settings(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (body.has("auto_approve")) {
            runtime.autoApprove(body.get("auto_approve").asBoolean());
        }
        if (body.has("reject_early_status_polls")) {
            runtime.rejectEarlyStatusPolls(body.get("reject_early_status_polls").asBoolean());
        }
        json(ctx, 200, Json.object("auto_approve", runtime.autoApprove(),
                "reject_early_status_polls", runtime.rejectEarlyStatusPolls()));
    }

    private static JsonNode body(Context ctx) throws IOException {
        byte[] bytes = ctx.req().getInputStream().readAllBytes();
        if (bytes.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        return Json.MAPPER.readTree(bytes);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.bytes(body));
    }
}
