package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator of a Bluesky PDS (the XRPC methods Outpost calls, and the few a test needs to make accounts) and of the
 * video service, on one loopback port, with fault injection. Faithful to the real PDS 0.5.35 where Outpost can tell:
 * error names and statuses, token lifetimes and rotation, blob limits, record validation, keys and swaps (proven by
 * the same contract suite running against both). Start one per test (port 0); close it when done.
 *
 * <pre>{@code
 * try (BlueskySandbox sandbox = BlueskySandbox.start(SandboxConfig.defaults())) {
 *     Map<String, String> alice = sandbox.createAccount("alice.test", "password");   // did, handle, appPassword
 *     sandbox.faults().loseAnswers("com.atproto.repo.putRecord", 1);
 *     ... point the client at sandbox.baseUrl() (PDS, PLC directory and video service) ...
 * }
 * }</pre>
 */
public final class BlueskySandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlueskySandbox.class);

    private final SandboxConfig config;
    private final Path spool;
    private final boolean ownSpool;
    private final SandboxState state;
    private final Faults faults = new Faults();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> queries = new ConcurrentHashMap<>();
    private final Map<String, Handler> procedures = new ConcurrentHashMap<>();
    private final Javalin app;
    private final Pds pds;
    private final VideoService video;

    /** One XRPC method: its answer, or null for an empty 200. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(Context ctx) throws IOException;
    }

    private BlueskySandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.ownSpool = config.spoolDirectory() == null;
        this.spool = ownSpool ? Files.createTempDirectory("bluesky-sandbox-")
                : Files.createDirectories(config.spoolDirectory());
        this.state = new SandboxState(spool);
        this.pds = new Pds(this, state, new Jwts(config.jwtSecret()));
        this.video = new VideoService(this, state, pds);
        pds.register(queries, procedures);
        video.register(queries, procedures);
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.get("/xrpc/com.atproto.sync.getBlob", pds::getBlob);
            cfg.routes.get("/xrpc/{nsid}", ctx -> serve(ctx, queries));
            cfg.routes.post("/xrpc/{nsid}", ctx -> serve(ctx, procedures));
            cfg.routes.get("/profile/{actor}/post/{rkey}", pds::postPage);
            new AdminRoutes(this).register(cfg.routes);
            // A PLC directory too: GET /<did> is the DID's document, so did:plc identities resolve here.
            cfg.routes.get("/{did}", pds::plcDocument);
        });
    }

    public static BlueskySandbox start(SandboxConfig config) {
        try {
            BlueskySandbox sandbox = new BlueskySandbox(config);
            sandbox.app.start(config.host(), config.port());
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox's spool directory", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the PDS, the PLC directory, the video service and the admin API. */
    public String baseUrl() {
        String host = config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
    }

    /** The {@code did:web} of this host, the audience of service tokens for both of its services. */
    public String serviceDid() {
        return "did:web:" + config.host() + "%3A" + app.port();
    }

    public SandboxConfig config() {
        return config;
    }

    public Faults faults() {
        return faults;
    }

    /** The NSIDs of every XRPC call received, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public long count(String nsid) {
        return calls.stream().filter(nsid::equals).count();
    }

    /** Creates an account with an app password: {@code did}, {@code handle}, {@code password}, {@code appPassword}. */
    public Map<String, String> createAccount(String handle, String password) {
        SandboxState.Account account = state.createAccount(handle, handle.replace('.', '-') + "@example.test",
                password);
        return Map.of("did", account.did(), "handle", account.handle(), "password", password, "appPassword",
                state.createAppPassword(account.did(), "outpost"));
    }

    /** Today's video quota of every account is spent (or, with a DID, of that one). */
    public void spendVideoQuota(String didOrNull) {
        synchronized (state) {
            for (SandboxState.Account account : state.accounts.values()) {
                if (didOrNull == null || account.did().equals(didOrNull)) {
                    long[] use = state.videoUse(account.did(), now());
                    use[0] = config.dailyVideos();
                    use[1] = config.dailyVideoBytes();
                }
            }
        }
    }

    /** How many records the account holds in a collection. */
    public int recordCount(String did, String collection) {
        return state.list(did, collection).size();
    }

    /** How many video jobs were created. */
    public int jobCount() {
        synchronized (state) {
            return state.jobs.size();
        }
    }

    ObjectNode describe() {
        ObjectNode out = Jwts.JSON.createObjectNode();
        synchronized (state) {
            out.put("accounts", state.accounts.size()).put("records", state.records.size())
                    .put("blobs", state.blobs.size()).put("jobs", state.jobs.size());
        }
        out.putPOJO("faults", faults.describe());
        return out;
    }

    Instant now() {
        return config.clock().instant();
    }

    private void serve(Context ctx, Map<String, Handler> handlers) {
        String nsid = ctx.pathParam("nsid");
        calls.add(nsid);
        Handler handler = handlers.get(nsid);
        if (handler == null) {
            error(ctx, new XrpcError(501, "MethodNotImplemented", "Method Not Implemented"));
            return;
        }
        Faults.Fault fault = faults.next(nsid).orElse(null);
        try {
            if (fault instanceof Faults.Fault.Status status) {
                throw new XrpcError(status.status(), status.error(), status.message());
            }
            if (fault instanceof Faults.Fault.RateLimited limited) {
                throw new XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded", Map.of("ratelimit-limit", "3000",
                        "ratelimit-remaining", "0", "ratelimit-reset", Long.toString(limited.reset()
                                .getEpochSecond()), "ratelimit-policy", "3000;w=300"), Map.of());
            }
            JsonNode answer = handler.handle(ctx);
            if (fault instanceof Faults.Fault.LoseAnswer) {
                Connections.reset(ctx.req());
                return;
            }
            ctx.status(200);
            if (answer != null) {
                ctx.contentType("application/json").result(Jwts.JSON.writeValueAsBytes(answer));
            }
        } catch (XrpcError e) {
            error(ctx, e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} failed in the sandbox", nsid, e);
            error(ctx, new XrpcError(500, "InternalServerError", "Internal Server Error"));
        }
    }

    private static void error(Context ctx, XrpcError e) {
        ObjectNode body = Jwts.JSON.createObjectNode().put("error", e.name).put("message", e.getMessage());
        e.extra.forEach(body::putPOJO);
        e.headers.forEach(ctx::header);
        ctx.status(e.status).contentType("application/json").result(body.toString());
    }

    @Override
    public void close() {
        app.stop();
        if (ownSpool) {
            try (var files = Files.walk(spool)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the OS cleans up eventually
            }
        }
    }
}
