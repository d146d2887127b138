package dev.outpost.mastodonsandbox;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Mastodon server emulator on loopback (the 4.x API a publishing client uses), with fault injection. Start one per
 * test (port 0) or share one; close it when done.
 *
 * <pre>{@code
 * try (MastodonSandbox m = MastodonSandbox.start(SandboxConfig.builder().autoApprove(true).build())) {
 *     String token = m.issueToken();                 // the default user, Outpost's scopes
 *     m.faults().add("statuses=drop");               // the next status is stored, its answer lost
 *     ... point the client at m.baseUrl() ...
 *     assertThat(m.statuses()).hasSize(1);
 * }
 * }</pre>
 */
public final class MastodonSandbox implements AutoCloseable {
    /** The scopes Outpost asks for, and no more. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("write:media", "write:statuses", "read:accounts");

    private final SandboxRuntime runtime;
    private final Javalin app;

    private MastodonSandbox(SandboxConfig config) {
        this.runtime = new SandboxRuntime(config);
        this.app = Javalin.create(cfg -> configure(cfg, config));
    }

    public static MastodonSandbox start() {
        return start(SandboxConfig.defaults());
    }

    public static MastodonSandbox start(SandboxConfig config) {
        MastodonSandbox sandbox = new MastodonSandbox(config);
        sandbox.app.start(config.host(), config.port());
        String host = config.host();
        sandbox.runtime.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + sandbox.app.port();
        return sandbox;
    }

    private void configure(JavalinConfig cfg, SandboxConfig config) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.prefer405over404 = false;
        Pipeline pipeline = new Pipeline(runtime);
        Entities entities = new Entities(runtime);
        OAuthRoutes oauth = new OAuthRoutes(runtime, entities);
        MediaRoutes media = new MediaRoutes(runtime, entities);
        StatusRoutes statuses = new StatusRoutes(runtime, entities, oauth);
        AdminRoutes admin = new AdminRoutes(this, runtime);
        var routes = cfg.routes;
        routes.get("/.well-known/oauth-authorization-server", pipeline.route(Endpoint.DISCOVERY, false,
                oauth::discovery));
        routes.post("/api/v1/apps", pipeline.route(Endpoint.APPS, false, oauth::registerApp));
        routes.get("/oauth/authorize", pipeline.route(Endpoint.AUTHORIZE, false, oauth::authorizePage));
        routes.post("/oauth/authorize", pipeline.route(Endpoint.AUTHORIZE, false, oauth::authorizeDecision));
        routes.post("/oauth/token", pipeline.route(Endpoint.TOKEN, false, oauth::token));
        routes.post("/oauth/revoke", pipeline.route(Endpoint.REVOKE, false, oauth::revoke));
        routes.get("/api/v1/accounts/verify_credentials", pipeline.route(Endpoint.VERIFY_CREDENTIALS, true,
                oauth::verifyCredentials));
        routes.get("/api/v2/instance", pipeline.route(Endpoint.INSTANCE, false,
                call -> call.json(200, entities.instance())));
        routes.post("/api/v2/media", pipeline.route(Endpoint.MEDIA_CREATE, true, media::create));
        routes.get("/api/v1/media/{id}", pipeline.route(Endpoint.MEDIA_GET, true, media::get));
        routes.put("/api/v1/media/{id}", pipeline.route(Endpoint.MEDIA_UPDATE, true, media::update));
        routes.post("/api/v1/statuses", pipeline.route(Endpoint.STATUS_CREATE, true, statuses::create));
        routes.get("/api/v1/statuses/{id}", pipeline.route(Endpoint.STATUS_GET, false, statuses::get));
        routes.get("/api/v1/accounts/{id}/statuses", pipeline.route(Endpoint.ACCOUNT_STATUSES, false,
                statuses::accountStatuses));
        routes.get("/@{username}/{id}", statuses::page);

        routes.post("/__sandbox/tokens", admin::tokens);
        routes.post("/__sandbox/users", admin::users);
        routes.post("/__sandbox/revoke", admin::revoke);
        routes.get("/__sandbox/faults", admin::showFaults);
        routes.post("/__sandbox/faults", admin::addFaults);
        routes.delete("/__sandbox/faults", admin::clearFaults);
        routes.post("/__sandbox/instance", admin::instance);
        routes.post("/__sandbox/settings", admin::settings);
        routes.get("/__sandbox/state", admin::state);
        routes.post("/__sandbox/reset", admin::reset);
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.contentType("application/json").result(Json.bytes(Map.of("error", "Record not found")));
            }
        });
    }

    /** {@code http://127.0.0.1:PORT}: the API, the consent page and the admin API all live here. */
    public String baseUrl() {
        return runtime.baseUrl;
    }

    public int port() {
        return app.port();
    }

    public SandboxConfig config() {
        return runtime.config;
    }

    /** A token for the default user with {@link #DEFAULT_SCOPES}, without the consent dance. */
    public String issueToken() {
        return issueToken(SandboxUser.DEFAULT.id(), DEFAULT_SCOPES);
    }

    public String issueToken(String userId, Set<String> scopes) {
        if (!runtime.state.users.containsKey(userId)) {
            throw new IllegalArgumentException("no user " + userId);
        }
        return runtime.state.issue(null, userId, scopes).token();
    }

    /** Revokes one token, as the user would in their settings. */
    public void revoke(String token) {
        runtime.state.revoke(token);
    }

    public int revokeAll() {
        return runtime.state.revokeAll();
    }

    public SandboxUser addUser(String username, String displayName) {
        SandboxUser user = new SandboxUser(runtime.state.newId(), username, displayName);
        synchronized (runtime.state) {
            runtime.state.users.put(user.id(), user);
        }
        return user;
    }

    /** Media still processing is done at its next poll (the polls it was given no longer count). */
    public void finishProcessing() {
        synchronized (runtime.state) {
            runtime.state.media.values().forEach(m -> m.pollsUntilReady = Math.min(m.pollsUntilReady, m.polls));
        }
    }

    public Faults faults() {
        return runtime.faults;
    }

    public InstanceLimits limits() {
        return runtime.limits;
    }

    /** A server with other limits from now on. */
    public void limits(InstanceLimits limits) {
        runtime.limits = limits;
    }

    public void autoApprove(boolean autoApprove) {
        runtime.autoApprove = autoApprove;
    }

    public List<SandboxStatus> statuses() {
        return runtime.state.statusList();
    }

    public List<SandboxMedia> media() {
        return runtime.state.mediaList();
    }

    public List<SandboxApp> apps() {
        synchronized (runtime.state) {
            return List.copyOf(runtime.state.apps.values());
        }
    }

    public List<LoggedRequest> requests() {
        return runtime.requests.list();
    }

    public List<LoggedRequest> requestsTo(Endpoint endpoint) {
        return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /** Forgets users (but the default), apps, tokens, media, statuses, keys, faults and the request log. */
    public void reset() {
        runtime.state.reset();
        runtime.faults.clear();
        runtime.faults.processingPolls(runtime.config.processingPolls());
        runtime.requests.clear();
        runtime.limits = runtime.config.limits();
        runtime.autoApprove = runtime.config.autoApprove();
    }

    @Override
    public void close() {
        app.stop();
    }
}
