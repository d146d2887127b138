package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;

/**
 * The admin API under {@code /__sandbox}, for people and other processes (the apps' sandbox mode, benchmarks):
 *
 * <ul>
 *   <li>{@code GET /__sandbox/state}: counts and the faults waiting;
 *   <li>{@code POST /__sandbox/accounts {"handle","password"}}: an account and its app password;
 *   <li>{@code POST /__sandbox/faults {"nsid","fault","times"}}: {@code lose} (act, then drop the answer),
 *       {@code status:503}, {@code ratelimit:SECONDS}; {@code DELETE /__sandbox/faults} clears them;
 *   <li>{@code POST /__sandbox/expire-tokens}: access tokens issued so far answer {@code ExpiredToken};
 *   <li>{@code POST /__sandbox/fail-jobs {"count","error"}}: the next video jobs fail;
 *   <li>{@code POST /__sandbox/quota-spent {"did"?}}: today's video quota is spent.
 * </ul>
 */
final class AdminRoutes {
    private final BlueskySandbox sandbox;

    AdminRoutes(BlueskySandbox sandbox) {
        this.sandbox = sandbox;
    }

    void register(RoutesConfig routes) {
        routes.get("/__sandbox/state", ctx -> json(ctx, sandbox.describe()));
        routes.post("/__sandbox/accounts", ctx -> {
            JsonNode body = body(ctx);
            json(ctx, Jwts.JSON.valueToTree(sandbox.createAccount(body.path("handle").asText("alice.test"),
                    body.path("password").asText("password"))));
        });
        routes.post("/__sandbox/faults", ctx -> {
            JsonNode body = body(ctx);
            String nsid = body.path("nsid").asText();
            String fault = body.path("fault").asText();
            int times = body.path("times").asInt(1);
            if (fault.equals("lose")) {
                sandbox.faults().loseAnswers(nsid, times);
            } else if (fault.startsWith("status:")) {
                int status = Integer.parseInt(fault.substring(7));
                sandbox.faults().status(nsid, times, status, status >= 500 ? "InternalServerError" : "InvalidRequest");
            } else if (fault.startsWith("ratelimit:")) {
                sandbox.faults().rateLimit(nsid, times, sandbox.now().plusSeconds(Long.parseLong(fault.substring(10))));
            } else {
                ctx.status(400).result("fault is lose, status:CODE or ratelimit:SECONDS");
                return;
            }
            json(ctx, sandbox.describe());
        });
        routes.delete("/__sandbox/faults", ctx -> {
            sandbox.faults().clear();
            json(ctx, sandbox.describe());
        });
        routes.post("/__sandbox/expire-tokens", ctx -> {
            sandbox.faults().expireAccessTokensIssuedBefore(Instant.ofEpochSecond(sandbox.now().getEpochSecond()
                    + 1));
            json(ctx, sandbox.describe());
        });
        routes.post("/__sandbox/fail-jobs", ctx -> {
            JsonNode body = body(ctx);
            sandbox.faults().failJobs(body.path("count").asInt(1), body.path("error").asText("encoding_failed"));
            json(ctx, sandbox.describe());
        });
        routes.post("/__sandbox/quota-spent", ctx -> {
            JsonNode did = body(ctx).path("did");
            sandbox.spendVideoQuota(did.isTextual() ? did.asText() : null);
            json(ctx, sandbox.describe());
        });
    }

    private static JsonNode body(Context ctx) throws IOException {
        byte[] bytes = ctx.bodyAsBytes();
        return bytes.length == 0 ? Jwts.JSON.createObjectNode() : Jwts.JSON.readTree(bytes);
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(body.toString());
    }
}
