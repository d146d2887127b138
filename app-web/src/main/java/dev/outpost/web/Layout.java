package dev.outpost.web;

/** The frame every page shares: navigation, the sandbox notice, the flash message, the CSRF token for scripts. */
final class Layout {
    private final boolean sandbox;
    private final String sandboxNotice;

    Layout(XMode mode) {
        this.sandbox = mode.isSandbox();
        this.sandboxNotice = mode.isSandbox() ? mode.noticeHtml() : null;
    }

    boolean sandbox() {
        return sandbox;
    }

    /**
     * @param session the visitor's session; its flash message is shown once
     * @param active which navigation entry is current ("compose", "publications", "calendar", "accounts"), or null
     * @param scripts script files under /static to load, or none
     */
    String page(String title, Sessions.Session session, String active, String body, String... scripts) {
        return pageWithHead(title, session, active, "", body, scripts);
    }

    /** A page with more in its head ({@code head} is HTML, already escaped). */
    String pageWithHead(String title, Sessions.Session session, String active, String head, String body,
            String... scripts) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"csrf-token\" content=\"").append(Html.esc(session.csrfToken())).append("\">")
                .append("<title>").append(Html.esc(title)).append(" · Outpost</title>")
                .append("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/static/outpost.css\">");
        html.append(head).append("<script src=\"/static/local-time.js\" defer></script>");
        for (String script : scripts) {
            html.append("<script src=\"/static/").append(Html.esc(script)).append("\" defer></script>");
        }
        html.append("</head><body>");
        html.append("<header class=\"top\"><a class=\"brand\" href=\"/\">Outpost</a>");
        if (session.signedIn()) {
            html.append("<nav>")
                    .append(nav("compose", "/compose", "Compose", active))
                    .append(nav("publications", "/publications", "Publications", active))
                    .append(nav("calendar", "/calendar", "Calendar", active))
                    .append(nav("accounts", "/accounts", "Accounts", active))
                    .append("</nav><form method=\"post\" action=\"/logout\" class=\"signout\">")
                    .append(Html.csrfField(session))
                    .append("<button type=\"submit\" class=\"link\" id=\"sign-out\">Sign out</button></form>");
        }
        html.append("</header>");
        if (sandbox) {
            html.append("<div class=\"sandbox-banner\" id=\"sandbox-banner\" role=\"status\"><strong>Sandbox mode.</strong> ")
                    .append(sandboxNotice).append("</div>");
        }
        html.append("<main>");
        String flash = session.takeFlash();
        if (flash != null) {
            html.append("<p class=\"flash\" id=\"flash\" role=\"status\">").append(Html.esc(flash)).append("</p>");
        }
        html.append(body).append("</main></body></html>");
        return html.toString();
    }

    private static String nav(String key, String href, String label, String active) {
        return "<a href=\"" + href + "\"" + (key.equals(active) ? " class=\"active\" aria-current=\"page\"" : "")
                + " id=\"nav-" + key + "\">" + label + "</a>";
    }
}
