package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Platforms;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connecting accounts: a POST sends the browser to the platform's consent page, the platform sends it back to the
 * callback, whose {@code state} {@link dev.outpost.application.ConnectAccount} checks once and against the session
 * that started it.
 */
final class AccountRoutes {
    private final OutpostCore core;
    private final Layout layout;
    private final URI baseUrl;

    AccountRoutes(OutpostCore core, Layout layout, URI baseUrl) {
        this.core = core;
        this.layout = layout;
        this.baseUrl = baseUrl;
    }

    static URI callback(URI baseUrl, String platformId) {
        return URI.create(baseUrl + "/oauth/" + platformId + "/callback");
    }

    void register(RoutesConfig routes) {
        routes.get("/accounts", this::page);
        routes.post("/accounts/connect", this::connect);
        routes.get("/oauth/{platform}/callback", this::callback);
        routes.post("/accounts/{id}/disconnect", this::disconnect);
        routes.get("/api/accounts", ctx -> Json.send(ctx, 200, core.stores().accounts().list().stream()
                .map(AccountRoutes::view).toList()));
    }

    static Map<String, Object> view(Account account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("platform", account.platformId());
        view.put("handle", account.handle());
        view.put("name", account.displayName());
        view.put("status", account.status() == AccountStatus.CONNECTED ? "connected" : "needs_reconnect");
        view.put("connectedAt", account.connectedAt());
        return view;
    }

    private void connect(Context ctx) {
        String platformId = ctx.formParam("platform");
        if (platformId == null || platformId.isBlank()) {
            platformId = "x";
        }
        Platforms.Platform platform = core.platforms().get(platformId);
        var started = core.connectAccount().start(platform.id(), callback(baseUrl, platform.id()),
                WebSecurity.owner(ctx));
        // 303: the browser follows with a GET to the consent page.
        ctx.redirect(started.authorizationUrl().toString(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) {
        Sessions.Session session = WebSecurity.session(ctx);
        try {
            Account account = core.connectAccount().complete(ctx.queryParam("state"), ctx.queryParam("code"),
                    ctx.queryParam("error"), WebSecurity.owner(ctx));
            session.flash("Connected @" + account.handle() + " on "
                    + core.platforms().get(account.platformId()).plugin().displayName() + ".");
            ctx.redirect("/accounts");
        } catch (OutpostException e) {
            if (WebSecurity.isApi(ctx)) {
                throw e;
            }
            ctx.status(400).html(render(ctx, "Not connected: " + e.getMessage()));
        }
    }

    private void disconnect(Context ctx) {
        AccountId id = new AccountId(ctx.pathParam("id"));
        Account account = core.stores().accounts().find(id).orElseThrow(() ->
                new WebError(404, "no connected account " + id));
        core.connectAccount().disconnect(id);
        WebSecurity.session(ctx).flash("Disconnected @" + account.handle() + ".");
        ctx.redirect("/accounts");
    }

    private void page(Context ctx) {
        ctx.html(render(ctx, null));
    }

    private String render(Context ctx, String error) {
        Sessions.Session session = WebSecurity.session(ctx);
        List<Account> accounts = core.stores().accounts().list();
        StringBuilder body = new StringBuilder("<section class=\"card\"><h1>Accounts</h1>");
        if (error != null) {
            body.append("<p class=\"problem\" id=\"account-problem\" role=\"alert\">").append(Html.esc(error))
                    .append("</p>");
        }
        if (accounts.isEmpty()) {
            body.append("<p id=\"no-accounts\">No account is connected yet. Connect one to start publishing.</p>");
        } else {
            body.append("<table class=\"list\" id=\"accounts\"><thead><tr><th>Account</th><th>Platform</th>"
                    + "<th>Status</th><th>Connected</th><th></th></tr></thead><tbody>");
            for (Account account : accounts) {
                boolean ok = account.status() == AccountStatus.CONNECTED;
                body.append("<tr data-account=\"").append(Html.esc(account.id().value())).append("\"><td><strong>@")
                        .append(Html.esc(account.handle())).append("</strong><br><span class=\"muted\">")
                        .append(Html.esc(account.displayName())).append("</span></td><td>")
                        .append(Html.esc(platformName(account.platformId()))).append("</td><td>")
                        .append(ok ? "<span class=\"badge ok account-status\">connected</span>"
                                : "<span class=\"badge warn account-status\">needs reconnect</span>")
                        .append("</td><td>").append(Html.esc(Times.show(account.connectedAt()))).append("</td><td>");
                if (!ok) {
                    body.append(connectForm(session, account.platformId(), "Reconnect", "reconnect"));
                }
                body.append("<form method=\"post\" action=\"/accounts/").append(Html.esc(account.id().value()))
                        .append("/disconnect\" class=\"inline\">").append(Html.csrfField(session))
                        .append("<button type=\"submit\" class=\"secondary disconnect\">Disconnect</button></form>")
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("<div class=\"actions\">");
        for (Platforms.Platform platform : core.platforms().all()) {
            body.append(connectForm(session, platform.id(), "Connect an " + platform.plugin().displayName()
                    + " account", "connect-" + platform.id()));
        }
        body.append("</div>");
        if (layout.sandbox()) {
            body.append("<p class=\"muted\">In sandbox mode the consent page is the sandbox's own: pick a sandbox"
                    + " user and click <em>Authorize app</em>.</p>");
        }
        body.append("</section>");
        return layout.page("Accounts", session, "accounts", body.toString());
    }

    private String platformName(String platformId) {
        try {
            return core.platforms().get(platformId).plugin().displayName();
        } catch (OutpostException e) {
            return platformId;
        }
    }

    private static String connectForm(Sessions.Session session, String platformId, String label, String id) {
        return "<form method=\"post\" action=\"/accounts/connect\" class=\"inline\">" + Html.csrfField(session)
                + "<input type=\"hidden\" name=\"platform\" value=\"" + Html.esc(platformId) + "\">"
                + "<button type=\"submit\" id=\"" + Html.esc(id) + "\">" + Html.esc(label) + "</button></form>";
    }
}
