package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin server: every route, the security gate in front, and failures turned into answers in one place. */
final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final String ANSWERED = "outpost.answered";

    private final Javalin javalin;
    private final EventStreams streams;
    private final RunNow runNow;
    private final URI baseUrl;
    private final UploadSweeps sweeps;

    private WebApp(Javalin javalin, EventStreams streams, RunNow runNow, URI baseUrl, UploadSweeps sweeps) {
        this.javalin = javalin;
        this.streams = streams;
        this.runNow = runNow;
        this.baseUrl = baseUrl;
        this.sweeps = sweeps;
    }

    /** The pieces the routes need. */
    record Parts(OutpostCore core, XMode mode, WebSettings settings, Sessions sessions, AdminPassword password,
            UploadStore uploads, ProgressHub hub, WebMetrics metrics, Clock clock, RunNow runNow,
            SignInThrottle throttle) {
    }

    /**
     * Starts listening. The base URL must be known before routes exist (callbacks name it), so with port 0 the
     * server binds first through Jetty and the routes see the bound port.
     */
    static WebApp start(Parts parts) {
        int port = parts.settings().port() == 0 ? FreePort.find(parts.settings().host()) : parts.settings().port();
        URI baseUrl = parts.settings().baseUrl(port);
        parts.mode().allowCallbacks(parts.core().platforms().platforms().stream()
                .map(p -> AccountRoutes.callback(baseUrl, p.id())).toList());
        Layout layout = new Layout(parts.mode());
        WebSecurity security = new WebSecurity(parts.sessions(), parts.password(), parts.throttle(),
                parts.settings().secureCookies(), baseUrl);
        PublicationViews views = new PublicationViews(parts.core().publications(), parts.uploads());
        EventStreams streams = new EventStreams(parts.core(), parts.hub(), views);
        DraftReceiver receiver = new DraftReceiver(parts.uploads(), parts.core().platforms());
        RunNow runNow = parts.runNow();
        UnusedUploads unusedUploads = new UnusedUploads(parts.uploads(), parts.core(), parts.clock());
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = false;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            var routes = cfg.routes;
            routes.before(security::before);
            new SignInRoutes(parts.sessions(), parts.password(), parts.throttle(), security, layout).register(routes);
            new AccountRoutes(parts.core(), layout, baseUrl, parts.mode().suggestedFields()).register(routes);
            new ComposeRoutes(parts.core(), receiver, parts.uploads(), views, layout, parts.clock(), runNow)
                    .register(routes);
            new GroupRoutes(parts.core(), views, streams, layout, runNow, parts.uploads(), parts.clock())
                    .register(routes);
            new UploadRoutes(parts.uploads(), parts.core().platforms()).register(routes);
            new CalendarPage(parts.core(), layout).register(routes);
            new PublicationRoutes(parts.core(), views, streams, layout, runNow).register(routes);
            new DraftRoutes(parts.core(), layout, unusedUploads).register(routes);
            new OpsRoutes(parts.core(), parts.metrics(), parts.uploads(), parts.mode()).register(routes);
            routes.exception(WebSecurity.Redirect.class, (e, ctx) -> ctx.redirect(e.location()));
            routes.exception(WebError.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.problems(), layout));
            routes.exception(OutpostException.class, (e, ctx) -> answer(ctx, status(e), e.getMessage(), e.problems(),
                    layout));
            routes.exception(Exception.class, (e, ctx) -> {
                // The class and message only: a stack trace could carry request data into the log.
                LOG.error("{} {} failed: {}: {}", ctx.method(), ctx.path(), e.getClass().getName(), e.getMessage());
                answer(ctx, 500, "something went wrong on the server; the log has details", List.of(), layout);
            });
            routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
            routes.error(404, ctx -> {
                // Javalin's own 404 for an unknown path is bare (text, or HTML for a browser); ours are answered.
                if (ctx.attribute(ANSWERED) == null) {
                    answer(ctx, 404, "there is nothing at " + ctx.path(), List.of(), layout);
                }
            });
        });
        javalin.start(parts.settings().host(), port);
        LOG.info("Outpost web listening on {} ({})", baseUrl, parts.mode());
        return new WebApp(javalin, streams, runNow, baseUrl, UploadSweeps.start(unusedUploads));
    }

    private static int status(OutpostException e) {
        switch (e.kind()) {
            case INVALID_INPUT: return e.problems().stream().anyMatch(p -> p.field().equals("publication")) ? 409 : 422;
            case RECONNECT_NEEDED: return 409;
            case REFUSED: return 502;
            default: return 500;
        }
    }

    private static void answer(Context ctx, int status, String message, List<Problem> problems, Layout layout) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        if (WebSecurity.isApi(ctx) || acceptsJsonOnly(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("message", message);
            body.put("problems", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                    .toList());
            Json.send(ctx, status, body);
            return;
        }
        Sessions.Session session = WebSecurity.session(ctx);
        String html = "<section class=\"card narrow\"><h1>" + (status == 404 ? "Not found" : "Could not do that")
                + "</h1><p class=\"problem\" id=\"error\" role=\"alert\">" + Html.esc(message) + "</p>"
                + "<p><a href=\"/\">Back to Outpost</a></p></section>";
        if (session == null) {
            ctx.status(status).contentType("text/plain; charset=utf-8").result(message);
            return;
        }
        ctx.status(status).html(layout.page("Error", session, null, html));
    }

    private static boolean acceptsJsonOnly(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }

    URI baseUrl() {
        return baseUrl;
    }

    int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        sweeps.close();
        streams.close();
        runNow.close();
        javalin.stop();
    }
}
