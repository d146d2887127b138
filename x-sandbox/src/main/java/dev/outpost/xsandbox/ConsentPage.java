package dev.outpost.xsandbox;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** The HTML of the consent page; plain, with stable ids and names so a browser test can drive it. */
final class ConsentPage {
    private ConsentPage() {
    }

    static String render(String consentId, String clientId, Set<String> scopes, Collection<SandboxUser> users) {
        String options = users.stream()
                .map(u -> "<option value=\"" + esc(u.id()) + "\">@" + esc(u.username()) + "</option>")
                .collect(Collectors.joining());
        String scopeItems = scopes.stream().map(s -> "<li>" + esc(s) + "</li>").collect(Collectors.joining());
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Authorize app — X sandbox</title></head>
                <body>
                <h1>Authorize <span id="client-id">%s</span> to access your account?</h1>
                <p>This is the Outpost X sandbox, not X.</p>
                <ul id="scopes">%s</ul>
                <form method="post" action="/i/oauth2/authorize">
                  <input type="hidden" name="consent_id" value="%s">
                  <label>Account <select name="user_id" id="user-id">%s</select></label>
                  <button type="submit" name="decision" value="authorize" id="authorize">Authorize app</button>
                  <button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
                </form>
                </body></html>
                """.formatted(esc(clientId), scopeItems, esc(consentId), options);
    }

    static String error(String message) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Error — X sandbox</title></head>
                <body><h1>Something went wrong</h1><p id="error">%s</p></body></html>
                """.formatted(esc(message));
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
