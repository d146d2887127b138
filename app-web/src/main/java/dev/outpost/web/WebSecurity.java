package dev.outpost.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The gate in front of every route: security headers, the session cookie, sign-in, and CSRF protection.
 *
 * <p>A browser is signed in by its session cookie ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} behind
 * TLS); every state-changing request it makes must carry the session's CSRF token and, when the browser sends one,
 * a same-origin {@code Origin}. Scripts and tools may instead send the admin password as HTTP Basic credentials:
 * a browser never attaches those to a cross-site request on its own, so they need no CSRF token.
 */
final class WebSecurity {
    static final String COOKIE = "outpost_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    private static final String SESSION = "outpost.session";
    private static final String VIA_BASIC = "outpost.basic";
    /** The OAuth client metadata documents: fetched by authorization servers, which have no session. */
    private static final java.util.regex.Pattern CLIENT_METADATA = java.util.regex.Pattern.compile(
            "/oauth/[a-z0-9_-]+/client-metadata\\.json");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Sessions sessions;
    private final AdminPassword password;
    private final SignInThrottle throttle;
    private final boolean secureCookies;
    private final URI baseUrl;

    WebSecurity(Sessions sessions, AdminPassword password, SignInThrottle throttle, boolean secureCookies,
            URI baseUrl) {
        this.sessions = sessions;
        this.password = password;
        this.throttle = throttle;
        this.secureCookies = secureCookies;
        this.baseUrl = baseUrl;
    }

    /** The visitor's session, set by {@link #before}. */
    static Sessions.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** Who started an OAuth flow: the browser session, or API callers as one. */
    static String owner(Context ctx) {
        Boolean basic = ctx.attribute(VIA_BASIC);
        return Boolean.TRUE.equals(basic) ? "api" : session(ctx).owner();
    }

    /** Whether the request came with the admin password as Basic credentials (a script), not a browser session. */
    static boolean viaBasic(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(VIA_BASIC));
    }

    static boolean isApi(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/api/") || path.equals("/metrics") || path.equals("/health");
    }

    void before(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // same-origin keeps the OAuth callback's code and state out of Referer headers sent elsewhere.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:;"
                + " script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
                + " form-action 'self'");
        ctx.header("Cache-Control", "no-store");

        String path = ctx.path();
        if (path.startsWith("/static/") || path.equals("/health") || path.equals("/favicon.ico")
                || CLIENT_METADATA.matcher(path).matches()) {
            return;
        }
        boolean basic = basicAuthenticated(ctx);
        ctx.attribute(VIA_BASIC, basic);
        Sessions.Session session = sessions.find(ctx.cookie(COOKIE)).orElse(null);
        if (session == null) {
            session = sessions.anonymous();
            if (!basic) {
                sessions.keep(session);
                setCookie(ctx, session);
            }
        }
        ctx.attribute(SESSION, session);
        boolean publicPath = path.equals("/login") || path.equals("/setup");
        if (!publicPath && !basic && !session.signedIn()) {
            if (isApi(ctx)) {
                throw new WebError(401, "sign in first: send the admin password as HTTP Basic credentials, or use"
                        + " the session of a signed-in browser");
            }
            if (!password.isSet()) {
                throw new Redirect("/setup");
            }
            // Back to the page asked for after signing in (a GET: a form's POST cannot be replayed).
            String query = ctx.queryString();
            throw new Redirect(ctx.method().name().equals("GET") && !path.equals("/")
                    ? "/login?next=" + URLEncoder.encode(path + (query == null ? "" : "?" + query),
                    StandardCharsets.UTF_8) : "/login");
        }
        if (!SAFE_METHODS.contains(ctx.method().name()) && !basic) {
            checkOrigin(ctx);
            checkCsrf(ctx, session);
        }
    }

    void setCookie(Context ctx, Sessions.Session session) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax"
                + (secureCookies || "https".equals(ctx.scheme()) ? "; Secure" : ""));
    }

    void clearCookie(Context ctx) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secureCookies || "https".equals(ctx.scheme()) ? "; Secure" : ""));
    }

    private void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return; // older browsers and tools; the CSRF token still decides
        }
        String own = ctx.scheme() + "://" + ctx.host();
        String configured = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
        if (!origin.equalsIgnoreCase(own) && !origin.equalsIgnoreCase(configured)) {
            throw new WebError(403, "this request came from another site (" + origin + ") and was refused");
        }
    }

    private static void checkCsrf(Context ctx, Sessions.Session session) {
        String token = ctx.header(CSRF_HEADER);
        if (token == null && ctx.isFormUrlencoded()) {
            token = ctx.formParam(CSRF_FIELD);
        }
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new WebError(403, "the form was stale or did not come from Outpost (CSRF token missing or wrong);"
                    + " reload the page and try again");
        }
    }

    private boolean basicAuthenticated(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebError(401, "the Authorization header is not valid Basic credentials");
        }
        int colon = decoded.indexOf(':');
        String secret = colon < 0 ? decoded : decoded.substring(colon + 1);
        String client = client(ctx);
        throttle.refusal(client).ifPresent(refused -> {
            throw new WebError(429, refused);
        });
        if (!password.isSet() || !password.verify(secret)) {
            throw new WebError(401, "wrong credentials" + throttle.failed(client).map(next -> "; " + next)
                    .orElse(""));
        }
        throttle.succeeded(client);
        return true;
    }

    /**
     * Where to go after signing in: {@code next} when it is a path of this app (never another site: no scheme, no
     * {@code //host}, no backslash tricks), else the compose page.
     */
    static String afterSignIn(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || next.startsWith("/login")
                || next.startsWith("/setup") || next.startsWith("/logout")) {
            return "/compose";
        }
        return next;
    }

    /** Who tries a password, for throttling: the address the connection comes from. */
    static String client(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    /** Send the browser elsewhere instead of running the route. */
    static final class Redirect extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String location;

        Redirect(String location) {
            super(location, null, false, false);
            this.location = location;
        }

        String location() {
            return location;
        }
    }
}
