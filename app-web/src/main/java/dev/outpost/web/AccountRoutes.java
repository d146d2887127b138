package dev.outpost.web;

import dev.outpost.application.ConnectAccount;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PlatformCatalog;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.platform.SignInField;
import dev.outpost.ports.platform.SignInMethod;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connecting accounts by whatever methods each platform's plugin offers: a redirect method sends the browser to the
 * platform's consent page and the platform sends it back to {@code /oauth/<platform>/callback}, whose {@code state}
 * {@link ConnectAccount} checks once and against the session that started it; a method of fields (a server, a handle
 * and an app password) connects at once. The page knows no platform: it renders the methods and their fields.
 */
final class AccountRoutes {
    /** Form fields of a sign-in method are sent as {@code field.<key>}, apart from the form's own fields. */
    static final String FIELD_PREFIX = "field.";

    private final OutpostCore core;
    private final Layout layout;
    private final URI baseUrl;
    private final Map<String, Map<String, String>> suggested;

    AccountRoutes(OutpostCore core, Layout layout, URI baseUrl) {
        this(core, layout, baseUrl, Map.of());
    }

    /** @param suggested field values offered per platform id (the sandbox's own server) until the person types others */
    AccountRoutes(OutpostCore core, Layout layout, URI baseUrl, Map<String, Map<String, String>> suggested) {
        this.core = core;
        this.layout = layout;
        this.baseUrl = baseUrl;
        this.suggested = Map.copyOf(suggested);
    }

    /** Where the client metadata of a platform is served: beside its callback (see {@code Authorizer}). */
    static final String CLIENT_METADATA_PATH = "/oauth/{platform}/client-metadata.json";

    static URI callback(URI baseUrl, String platformId) {
        return URI.create(baseUrl + "/oauth/" + platformId + "/callback");
    }

    void register(RoutesConfig routes) {
        routes.get("/accounts", this::page);
        routes.post("/accounts/connect", this::connect);
        routes.get("/oauth/{platform}/callback", this::callback);
        routes.get(CLIENT_METADATA_PATH, this::clientMetadata);
        routes.get("/accounts/{id}/disconnect", ctx -> ctx.html(confirmDisconnect(ctx, account(ctx))));
        routes.post("/accounts/{id}/disconnect", this::disconnect);
        routes.get("/api/accounts", ctx -> Json.send(ctx, 200, core.accounts().list().stream()
                .map(AccountRoutes::view).toList()));
    }

    static Map<String, Object> view(Account account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("platform", account.platformId());
        view.put("handle", account.handle());
        view.put("name", account.displayName());
        view.put("server", account.server() == null ? null : account.server().toString());
        view.put("status", account.status() == AccountStatus.CONNECTED ? "connected" : "needs_reconnect");
        view.put("connectedAt", account.connectedAt());
        return view;
    }

    /** What the user typed into a sign-in form, kept to show the form again (secrets never). */
    private record Attempt(String platformId, String methodId, Map<String, String> fields) {
    }

    private void connect(Context ctx) {
        String platformId = ctx.formParam("platform");
        if (platformId == null || platformId.isBlank()) {
            // A script that names no platform means the one there is (or the first one found).
            platformId = core.platforms().platforms().get(0).id();
        }
        String method = ctx.formParam("method");
        Map<String, String> fields = new HashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.startsWith(FIELD_PREFIX) && !values.isEmpty()) {
                fields.put(name.substring(FIELD_PREFIX.length()), values.get(0));
            }
        });
        PlatformCatalog.PlatformInfo platform = core.platforms().platform(platformId);
        ConnectAccount.Started started;
        try {
            started = core.connectAccount().start(platform.id(), blankToNull(method), fields,
                    callback(baseUrl, platform.id()), WebSecurity.owner(ctx));
        } catch (OutpostException e) {
            if (WebSecurity.isApi(ctx) || e.kind() != OutpostException.Kind.INVALID_INPUT
                    && e.kind() != OutpostException.Kind.REFUSED) {
                throw e;
            }
            ctx.status(e.kind() == OutpostException.Kind.REFUSED ? 502 : 400).html(render(ctx,
                    "Not connected: " + e.getMessage(), new Attempt(platform.id(), blankToNull(method), fields)));
            return;
        }
        if (started instanceof ConnectAccount.Started.Redirect redirect) {
            if (WebSecurity.viaBasic(ctx)) {
                // 303: a script follows with a GET to the consent page.
                ctx.redirect(redirect.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
            } else {
                // A browser is sent on by a page, not by redirecting the form: the pages' CSP allows forms to
                // submit to this app only (form-action 'self'), which browsers apply to a form's redirects too.
                ctx.html(continueTo(ctx, platform, redirect.authorizationUrl()));
            }
            return;
        }
        Account account = ((ConnectAccount.Started.Connected) started).account();
        connected(ctx, account);
        ctx.redirect("/accounts", HttpStatus.SEE_OTHER);
    }

    private String continueTo(Context ctx, PlatformCatalog.PlatformInfo platform, URI consent) {
        String url = Html.esc(consent.toString());
        String body = "<section class=\"card narrow\" id=\"continue-sign-in\"><h1>On to "
                + Html.esc(platform.displayName()) + "</h1><p>" + Html.esc(platform.displayName())
                + " asks you to allow Outpost to post for your account.</p><p><a class=\"button\" id=\"continue\""
                + " href=\"" + url + "\">Continue to " + Html.esc(platform.displayName()) + "</a></p></section>";
        return layout.pageWithHead("Connect", WebSecurity.session(ctx), "accounts",
                "<meta http-equiv=\"refresh\" content=\"0;url=" + url + "\">", body);
    }

    /**
     * The OAuth client metadata document a platform's authorization server fetches (public: the server is not signed
     * in), beside the callback; the plugin writes it, and a platform that needs none has none here.
     */
    private void clientMetadata(Context ctx) {
        String platformId = ctx.pathParam("platform");
        Optional<String> document;
        try {
            document = core.connectAccount().clientMetadata(platformId, callback(baseUrl, platformId));
        } catch (OutpostException unusable) {
            document = Optional.empty();
        }
        if (document.isEmpty()) {
            throw new WebError(404, "no client metadata for '" + platformId + "'");
        }
        ctx.contentType("application/json").result(document.get());
    }

    private void callback(Context ctx) {
        Map<String, String> params = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                params.put(name, values.get(0));
            }
        });
        try {
            Account account = core.connectAccount().complete(params, WebSecurity.owner(ctx));
            connected(ctx, account);
            ctx.redirect("/accounts");
        } catch (OutpostException e) {
            if (WebSecurity.isApi(ctx)) {
                throw e;
            }
            ctx.status(400).html(render(ctx, "Not connected: " + e.getMessage(), null));
        }
    }

    private void connected(Context ctx, Account account) {
        Sessions.Session session = WebSecurity.session(ctx);
        if (session != null) {
            session.flash("Connected @" + account.handle() + " on " + platformName(account.platformId()) + ".");
        }
    }

    private Account account(Context ctx) {
        AccountId id = new AccountId(ctx.pathParam("id"));
        return core.accounts().find(id).orElseThrow(() -> new WebError(404, "no connected account " + id));
    }

    /** The account's publications that still wait to go out (and can be cancelled), soonest first. */
    private List<Publication> waiting(Account account) {
        return core.publications().list(new PublicationStore.Query(EnumSet.of(PublicationState.QUEUED), account.id(),
                1000)).stream().filter(p -> p.state().canMoveTo(PublicationState.CANCELLED))
                .sorted(Comparator.comparing(Publication::dueAt)).toList();
    }

    /**
     * Disconnects once confirmed (a form without {@code confirm=yes} shows the confirmation instead), and cancels the
     * account's waiting posts when asked to: without the account they could only fail.
     */
    private void disconnect(Context ctx) {
        Account account = account(ctx);
        if (!"yes".equals(ctx.formParam("confirm"))) {
            ctx.html(confirmDisconnect(ctx, account));
            return;
        }
        int cancelled = 0;
        if ("yes".equals(ctx.formParam("cancelQueued"))) {
            for (Publication p : waiting(account)) {
                try {
                    core.publications().cancel(p.id());
                    cancelled++;
                } catch (OutpostException startedMeanwhile) {
                    // it began publishing while the user confirmed: it runs to its end
                }
            }
        }
        core.connectAccount().disconnect(account.id());
        int left = waiting(account).size();
        WebSecurity.session(ctx).flash("Disconnected @" + account.handle() + "." + (cancelled > 0 ? " Cancelled "
                + posts(cancelled) + " waiting to be published." : "") + (left > 0 ? " " + posts(left) + " still"
                + " wait to be published; they fail unless you connect @" + account.handle() + " again first." : ""));
        ctx.redirect("/accounts");
    }

    private String confirmDisconnect(Context ctx, Account account) {
        Sessions.Session session = WebSecurity.session(ctx);
        List<Publication> waiting = waiting(account);
        String handle = "@" + account.handle();
        StringBuilder body = new StringBuilder("<section class=\"card narrow\" id=\"disconnect\"><h1>Disconnect ")
                .append(Html.esc(handle)).append("?</h1><p>Outpost forgets its access to ").append(Html.esc(handle))
                .append(" on ").append(Html.esc(platformName(account.platformId())))
                .append(". Posts already published stay where they are.</p>");
        if (!waiting.isEmpty()) {
            body.append("<p id=\"waiting-note\" class=\"explain\">").append(Html.esc(handle)).append(" has ")
                    .append(posts(waiting.size())).append(" waiting to be published (the next one is due ")
                    .append(Times.html(waiting.get(0).dueAt(), null)).append("). Without the account they cannot go"
                    + " out: they fail, unless you connect it again before then.</p>");
        }
        body.append("<form method=\"post\" action=\"/accounts/").append(Html.esc(account.id().value()))
                .append("/disconnect\" id=\"disconnect-form\">").append(Html.csrfField(session))
                .append(hidden("confirm", "yes"));
        if (!waiting.isEmpty()) {
            body.append("<label class=\"choice\"><input type=\"checkbox\" name=\"cancelQueued\" value=\"yes\""
                    + " id=\"cancel-queued\" checked> Cancel its ").append(posts(waiting.size()))
                    .append(" waiting to be published</label>");
        }
        body.append("<div class=\"actions\"><button type=\"submit\" id=\"confirm-disconnect\">Disconnect ")
                .append(Html.esc(handle)).append("</button><a href=\"/accounts\" id=\"keep-connected\">Keep it"
                + " connected</a></div></form></section>");
        return layout.page("Disconnect", session, "accounts", body.toString());
    }

    private static String posts(int n) {
        return n + (n == 1 ? " post" : " posts");
    }

    private void page(Context ctx) {
        ctx.html(render(ctx, null, null));
    }

    private String render(Context ctx, String error, Attempt attempt) {
        Sessions.Session session = WebSecurity.session(ctx);
        List<Account> accounts = core.accounts().list();
        StringBuilder body = new StringBuilder("<section class=\"card\"><h1>Accounts</h1>");
        if (error != null) {
            body.append("<p class=\"problem\" id=\"account-problem\" role=\"alert\">").append(Html.esc(error))
                    .append("</p>");
        }
        if (accounts.isEmpty()) {
            body.append("<p id=\"no-accounts\">No account is connected yet. Connect one to start publishing.</p>");
        } else {
            body.append("<table class=\"list\" id=\"accounts\"><thead><tr><th>Account</th><th>Platform</th>"
                    + "<th>Status</th><th>Connected</th><th><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>");
            for (Account account : accounts) {
                boolean ok = account.status() == AccountStatus.CONNECTED;
                body.append("<tr data-account=\"").append(Html.esc(account.id().value())).append("\"><td><strong>@")
                        .append(Html.esc(account.handle())).append("</strong><br><span class=\"muted\">")
                        .append(Html.esc(account.displayName()));
                account.home().ifPresent(server -> body.append(" · ").append(Html.esc(server.getHost())));
                body.append("</span></td><td data-label=\"Platform\">").append(Html.esc(platformName(account.platformId())))
                        .append("</td><td data-label=\"Status\">")
                        .append(ok ? "<span class=\"badge ok account-status\">connected</span>"
                                : "<span class=\"badge warn account-status\">needs reconnect</span>")
                        .append("</td><td data-label=\"Connected\">").append(Times.html(account.connectedAt(), null))
                        .append("</td><td>");
                if (!ok) {
                    body.append(reconnect(session, account));
                }
                body.append("<a class=\"button secondary disconnect\" href=\"/accounts/")
                        .append(Html.esc(account.id().value())).append("/disconnect\">Disconnect</a></td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("<h2>Connect an account</h2><div class=\"platforms\">");
        for (PlatformCatalog.PlatformInfo platform : core.platforms().platforms()) {
            body.append(platformBlock(session, platform, attempt));
        }
        body.append("</div>");
        if (layout.sandbox()) {
            body.append("<p class=\"muted\">In sandbox mode the consent page is the sandbox's own: pick a sandbox"
                    + " user and click <em>Authorize app</em>.</p>");
        }
        body.append("</section>");
        return layout.page("Accounts", session, "accounts", body.toString());
    }

    /**
     * One platform's ways to connect. The preferred method's button is {@code #connect-<platform>}, the others'
     * {@code #connect-<platform>-<method>}.
     */
    private String platformBlock(Sessions.Session session, PlatformCatalog.PlatformInfo platform, Attempt attempt) {
        List<SignInMethod> methods = core.connectAccount().methods(platform.id());
        StringBuilder block = new StringBuilder("<div class=\"platform\" id=\"platform-")
                .append(Html.esc(platform.id())).append("\" data-platform=\"").append(Html.esc(platform.id()))
                .append("\"><h3>").append(Html.esc(platform.displayName())).append("</h3>");
        for (int i = 0; i < methods.size(); i++) {
            SignInMethod method = methods.get(i);
            String buttonId = "connect-" + platform.id() + (i == 0 ? "" : "-" + method.id());
            String label = methods.size() == 1 && method.fields().isEmpty()
                    ? "Connect an account on " + platform.displayName() : method.label();
            Map<String, String> given = attempt != null && attempt.platformId().equals(platform.id())
                    && (method.id().equals(attempt.methodId()) || attempt.methodId() == null && i == 0)
                    ? attempt.fields() : suggested.getOrDefault(platform.id(), Map.of());
            block.append(methodForm(session, platform, method, buttonId, label, given));
        }
        return block.append("</div>").toString();
    }

    /**
     * A sign-in method as a form: a lone button when it asks for nothing, else its fields (secrets as password
     * inputs, never filled in again) and a button.
     */
    private static String methodForm(Sessions.Session session, PlatformCatalog.PlatformInfo platform,
            SignInMethod method, String buttonId, String label, Map<String, String> given) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"/accounts/connect\" class=\"")
                .append(method.fields().isEmpty() ? "inline" : "sign-in-method").append("\" data-method=\"")
                .append(Html.esc(method.id())).append("\" autocomplete=\"off\">").append(Html.csrfField(session))
                .append(hidden("platform", platform.id())).append(hidden("method", method.id()));
        if (!method.fields().isEmpty()) {
            form.append("<fieldset><legend>").append(Html.esc(method.label())).append("</legend>");
            for (SignInField field : method.fields()) {
                String id = "field-" + platform.id() + "-" + method.id() + "-" + field.key();
                form.append("<label for=\"").append(Html.esc(id)).append("\">").append(Html.esc(field.label()))
                        .append(field.required() ? "" : " <span class=\"muted\">(optional)</span>").append("</label>")
                        .append("<input type=\"").append(field.secret() ? "password" : "text").append("\" id=\"")
                        .append(Html.esc(id)).append("\" name=\"").append(Html.esc(FIELD_PREFIX + field.key()))
                        .append("\" autocomplete=\"").append(field.secret() ? "new-password" : "off").append("\"")
                        .append(field.required() ? " required" : "");
                String value = given.get(field.key());
                if (!field.secret() && value != null) {
                    form.append(" value=\"").append(Html.esc(value)).append("\"");
                }
                form.append(">");
                if (!field.help().isEmpty()) {
                    form.append("<p class=\"muted help\">").append(Html.esc(field.help())).append("</p>");
                }
            }
            form.append("</fieldset>");
        }
        return form.append("<button type=\"submit\" id=\"").append(Html.esc(buttonId)).append("\">")
                .append(Html.esc(label)).append("</button></form>").toString();
    }

    /** A one-click reconnect when the preferred method asks for nothing; else a pointer to the platform's forms. */
    private String reconnect(Sessions.Session session, Account account) {
        String platformId = account.platformId();
        List<SignInMethod> methods;
        try {
            methods = core.connectAccount().methods(platformId);
        } catch (OutpostException unknownPlatform) {
            return "";
        }
        SignInMethod preferred = methods.get(0);
        if (!preferred.fields().isEmpty()) {
            return "<a class=\"reconnect\" href=\"#platform-" + Html.esc(platformId) + "\">Reconnect</a> ";
        }
        return "<form method=\"post\" action=\"/accounts/connect\" class=\"inline\">" + Html.csrfField(session)
                + hidden("platform", platformId) + hidden("method", preferred.id())
                + "<button type=\"submit\" class=\"reconnect\">Reconnect</button></form>";
    }

    private String platformName(String platformId) {
        try {
            return core.platforms().platform(platformId).displayName();
        } catch (OutpostException e) {
            return platformId;
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.esc(name) + "\" value=\"" + Html.esc(value) + "\">";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
