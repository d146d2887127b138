package dev.outpost.xsandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * An X API v2 emulator on loopback, with fault injection. Start one per test (port 0) or share
 * one; close it when done.
 *
 * <pre>{@code
 * try (XSandbox x = XSandbox.start(SandboxConfig.builder().autoApprove(true).build())) {
 *     TokenPair tokens = x.issueTokens();          // default user, default client, all scopes
 *     x.faults().resetDuringAppend(2);
 *     ... point the client at x.baseUrl() ...
 *     assertThat(x.state().posts()).hasSize(1);
 * }
 * }</pre>
 */
public final class XSandbox implements AutoCloseable {
    /** The scopes Outpost asks for (RELIABILITY.md, Security). */
    public static final Set<String> DEFAULT_SCOPES =
            Set.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");

    private final SandboxRuntime runtime;
    private final Path spoolDir;
    private final boolean ownSpoolDir;
    private final Javalin app;

    private XSandbox(SandboxConfig config) throws IOException {
        this.ownSpoolDir = config.spoolDirectory() == null;
        this.spoolDir = ownSpoolDir ? Files.createTempDirectory("x-sandbox-spool-")
                : Files.createDirectories(config.spoolDirectory());
        this.runtime = new SandboxRuntime(config, spoolDir);
        this.runtime.tweets = new TweetRoutes(runtime);
        this.app = Javalin.create(cfg -> configure(cfg, config));
    }

    public static XSandbox start() {
        return start(SandboxConfig.defaults());
    }

    public static XSandbox start(SandboxConfig config) {
        try {
            XSandbox sandbox = new XSandbox(config);
            sandbox.app.start(config.host(), config.port());
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox's spool directory", e);
        }
    }

    private void configure(JavalinConfig cfg, SandboxConfig config) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.prefer405over404 = false;
        RequestPipeline pipeline = new RequestPipeline(runtime);
        OAuthRoutes oauth = new OAuthRoutes(runtime);
        MediaRoutes media = new MediaRoutes(runtime);
        TweetRoutes tweets = runtime.tweets;
        AdminRoutes admin = new AdminRoutes(this, runtime);
        var routes = cfg.routes;
        routes.get("/i/oauth2/authorize", pipeline.route(Endpoint.AUTHORIZE, false, oauth::authorizePage));
        routes.post("/i/oauth2/authorize", pipeline.route(Endpoint.AUTHORIZE, false, oauth::authorizeDecision));
        routes.post("/2/oauth2/token", pipeline.route(Endpoint.TOKEN, false, oauth::token));
        routes.post("/2/oauth2/revoke", pipeline.route(Endpoint.REVOKE, false, oauth::revoke));
        routes.get("/2/users/me", pipeline.route(Endpoint.USERS_ME, true, oauth::usersMe));
        routes.post("/2/media/upload", pipeline.route(Endpoint.MEDIA_UPLOAD, true, media::upload));
        routes.get("/2/media/upload", pipeline.route(Endpoint.MEDIA_STATUS, true, media::status));
        routes.post("/2/media/upload/initialize", pipeline.route(Endpoint.MEDIA_INITIALIZE, true, media::initialize));
        routes.post("/2/media/upload/{id}/append", pipeline.route(Endpoint.MEDIA_APPEND, true, media::append));
        routes.post("/2/media/upload/{id}/finalize", pipeline.route(Endpoint.MEDIA_FINALIZE, true, media::finalizeUpload));
        routes.post("/2/media/metadata", pipeline.route(Endpoint.MEDIA_METADATA, true, media::metadata));
        routes.post("/2/tweets", pipeline.route(Endpoint.TWEETS_CREATE, true, tweets::create));
        routes.get("/2/tweets/{id}", pipeline.route(Endpoint.TWEET_LOOKUP, true, tweets::lookup));
        routes.get("/2/users/{id}/tweets", pipeline.route(Endpoint.USER_TWEETS, true, tweets::userTweets));
        routes.get("/i/web/status/{id}", tweets::page);

        routes.get("/__sandbox/state", admin::state);
        routes.get("/__sandbox/requests", admin::requests);
        routes.post("/__sandbox/reset", admin::reset);
        routes.get("/__sandbox/faults", admin::showFaults);
        routes.post("/__sandbox/faults", admin::faults);
        routes.delete("/__sandbox/faults", admin::clearFaults);
        routes.post("/__sandbox/clients", admin::registerClient);
        routes.post("/__sandbox/users", admin::registerUser);
        routes.post("/__sandbox/tokens", admin::issueTokens);
        routes.post("/__sandbox/settings", admin::settings);
        routes.error(404, "*", ctx -> ctx.contentType("application/problem+json").result(Json.bytes(
                ApiProblem.notFound("No route for " + ctx.method() + " " + ctx.path() + " in the sandbox.")
                        .body(config.problemTypeHost()))));
    }

    /** {@code http://127.0.0.1:PORT}: the API, the authorize page and the admin API all live here. */
    public String baseUrl() {
        String host = runtime.config.host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public int port() {
        return app.port();
    }

    public String authorizeUrl() {
        return baseUrl() + "/i/oauth2/authorize";
    }

    public String tokenUrl() {
        return baseUrl() + "/2/oauth2/token";
    }

    public SandboxConfig config() {
        return runtime.config;
    }

    public SandboxClient defaultClient() {
        return runtime.config.defaultClient();
    }

    public SandboxUser defaultUser() {
        return runtime.config.defaultUser();
    }

    /** Registers (or replaces) an app; a null secret makes it a public client. */
    public void registerClient(String clientId, String secretOrNull, String... redirectUris) {
        runtime.authorizations.clients.put(clientId, new SandboxClient(clientId, secretOrNull, List.of(redirectUris)));
    }

    public void registerUser(SandboxUser user) {
        runtime.authorizations.users.put(user.id(), user);
    }

    /** A token pair for the default user and client with {@link #DEFAULT_SCOPES}, skipping the consent page. */
    public TokenPair issueTokens() {
        return issueTokens(defaultUser().id(), DEFAULT_SCOPES);
    }

    /** A token pair for a user of the default client. */
    public TokenPair issueTokens(String userId, Set<String> scopes) {
        return issueTokens(defaultClient().clientId(), userId, scopes);
    }

    public TokenPair issueTokens(String clientId, String userId, Set<String> scopes) {
        if (!runtime.authorizations.clients.containsKey(clientId)) {
            throw new IllegalArgumentException("unknown client " + clientId);
        }
        if (!runtime.authorizations.users.containsKey(userId)) {
            throw new IllegalArgumentException("unknown user " + userId + "; registerUser first");
        }
        return runtime.authorizations.issueDirectly(clientId, userId, scopes);
    }

    public Faults faults() {
        return runtime.faults;
    }

    public SandboxState state() {
        return runtime.state();
    }

    /** The same snapshot as {@code GET /__sandbox/state}, as JSON text. */
    public String stateJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runtime.state());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public RequestLog requests() {
        return runtime.requestLog;
    }

    public List<Post> posts() {
        return List.copyOf(runtime.tweets.posts);
    }

    public void setAutoApprove(boolean autoApprove) {
        runtime.autoApprove(autoApprove);
    }

    public void setRejectEarlyStatusPolls(boolean reject) {
        runtime.rejectEarlyStatusPolls(reject);
    }

    /** Forgets posts, media, tokens, faults, rate-limit windows and the request log; registered extras go too. */
    public void reset() {
        runtime.reset();
    }

    @Override
    public void close() {
        app.stop();
        if (ownSpoolDir) {
            runtime.media.deleteSpool();
        } else {
            runtime.media.clear();
        }
    }
}
