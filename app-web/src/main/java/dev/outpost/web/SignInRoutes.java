package dev.outpost.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Sign-in, first-run password choice, sign-out. */
final class SignInRoutes {
    private final Sessions sessions;
    private final AdminPassword password;
    private final SignInThrottle throttle;
    private final WebSecurity security;
    private final Layout layout;

    SignInRoutes(Sessions sessions, AdminPassword password, SignInThrottle throttle, WebSecurity security,
            Layout layout) {
        this.sessions = sessions;
        this.password = password;
        this.throttle = throttle;
        this.security = security;
        this.layout = layout;
    }

    void register(RoutesConfig routes) {
        routes.get("/login", this::loginPage);
        routes.post("/login", this::login);
        routes.get("/setup", this::setupPage);
        routes.post("/setup", this::setup);
        routes.post("/logout", this::logout);
    }

    private void loginPage(Context ctx) {
        if (!password.isSet()) {
            ctx.redirect("/setup");
            return;
        }
        ctx.html(loginForm(ctx, null));
    }

    private void login(Context ctx) {
        if (!password.isSet()) {
            ctx.redirect("/setup");
            return;
        }
        String client = WebSecurity.client(ctx);
        var refused = throttle.refusal(client);
        if (refused.isPresent()) {
            ctx.status(429).html(loginForm(ctx, refused.get()));
            return;
        }
        if (!password.verify(ctx.formParam("password"))) {
            ctx.status(401).html(loginForm(ctx, "That is not the admin password." + throttle.failed(client)
                    .map(next -> " " + next).orElse("")));
            return;
        }
        throttle.succeeded(client);
        signIn(ctx);
    }

    private void setupPage(Context ctx) {
        if (password.isSet()) {
            ctx.redirect("/login");
            return;
        }
        ctx.html(setupForm(ctx, null));
    }

    private void setup(Context ctx) {
        if (password.isSet()) {
            throw new WebError(409, "the admin password is already set; sign in instead");
        }
        String chosen = ctx.formParam("password");
        if (chosen == null || !chosen.equals(ctx.formParam("confirm"))) {
            ctx.status(400).html(setupForm(ctx, "The two passwords differ."));
            return;
        }
        try {
            password.choose(chosen);
        } catch (IllegalArgumentException e) {
            ctx.status(400).html(setupForm(ctx, "Choose a password of at least " + AdminPassword.MIN_LENGTH
                    + " characters."));
            return;
        } catch (IllegalStateException e) {
            throw new WebError(409, "the admin password is already set; sign in instead");
        }
        signIn(ctx);
    }

    private void logout(Context ctx) {
        sessions.end(WebSecurity.session(ctx));
        security.clearCookie(ctx);
        ctx.redirect("/login");
    }

    /** A new session id at sign-in: an id planted before it is worthless after; then the page asked for. */
    private void signIn(Context ctx) {
        Sessions.Session next = sessions.signIn(WebSecurity.session(ctx));
        security.setCookie(ctx, next);
        ctx.redirect(WebSecurity.afterSignIn(ctx.formParam("next")));
    }

    /** The page to return to, carried through the sign-in form. */
    private static String nextField(Context ctx) {
        String next = ctx.queryParam("next");
        if (next == null) {
            next = ctx.formParam("next");
        }
        String safe = WebSecurity.afterSignIn(next);
        return safe.equals("/compose") ? "" : "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(safe) + "\">";
    }

    private String loginForm(Context ctx, String error) {
        String body = """
                <section class="card narrow">
                <h1>Sign in</h1>
                <form method="post" action="/login" id="login-form">%s%s
                <label for="password">Admin password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required autofocus%s>
                %s
                <button type="submit" id="sign-in">Sign in</button>
                </form></section>""".formatted(Html.csrfField(WebSecurity.session(ctx)), nextField(ctx),
                invalid(error), problem(error));
        return layout.page("Sign in", WebSecurity.session(ctx), null, body);
    }

    private String setupForm(Context ctx, String error) {
        String body = """
                <section class="card narrow">
                <h1>Welcome to Outpost</h1>
                <p>Choose the admin password for this installation. It is stored only as a salted hash in the data
                directory; set <code>OUTPOST_WEB_PASSWORD</code> instead to manage it in configuration.</p>
                <form method="post" action="/setup" id="setup-form">%s
                <label for="password">New admin password (at least %d characters)</label>
                <input type="password" id="password" name="password" autocomplete="new-password" minlength="%d" required autofocus%s>
                <label for="confirm">Repeat it</label>
                <input type="password" id="confirm" name="confirm" autocomplete="new-password" required>
                %s
                <button type="submit" id="set-password">Set password and sign in</button>
                </form></section>""".formatted(Html.csrfField(WebSecurity.session(ctx)), AdminPassword.MIN_LENGTH,
                AdminPassword.MIN_LENGTH, invalid(error), problem(error));
        return layout.page("Set up", WebSecurity.session(ctx), null, body);
    }

    /** Ties the password field to the problem, so it is read out with the field. */
    private static String invalid(String error) {
        return error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"login-problem\"";
    }

    private static String problem(String error) {
        return error == null ? "" : "<p class=\"problem\" id=\"login-problem\" role=\"alert\">" + Html.esc(error) + "</p>";
    }
}
