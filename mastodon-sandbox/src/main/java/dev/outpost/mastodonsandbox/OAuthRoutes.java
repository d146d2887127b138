package dev.outpost.mastodonsandbox;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * App registration ({@code POST /api/v1/apps}), discovery, the authorization code flow with PKCE S256 and a consent
 * page, the token and revocation endpoints (Doorkeeper's answers), and {@code verify_credentials}.
 */
final class OAuthRoutes {
    static final List<String> SCOPES = List.of("read", "write", "push", "follow", "profile", "read:accounts",
            "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows", "read:lists",
            "read:mutes", "read:notifications", "read:search", "read:statuses", "write:accounts", "write:blocks",
            "write:bookmarks", "write:conversations", "write:favourites", "write:filters", "write:follows",
            "write:lists", "write:media", "write:mutes", "write:notifications", "write:reports", "write:statuses");
    static final String OOB = "urn:ietf:wg:oauth:2.0:oob";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does "
            + "not match the redirection URI used in the authorization request, or was issued to another client.";
    private static final String INVALID_CLIENT = "Client authentication failed due to unknown client, no client "
            + "authentication included, or unsupported authentication method.";

    private final SandboxRuntime runtime;
    private final Entities entities;

    OAuthRoutes(SandboxRuntime runtime, Entities entities) {
        this.runtime = runtime;
        this.entities = entities;
    }

    void discovery(Call call) {
        call.json(200, entities.discovery());
    }

    void registerApp(Call call) {
        Map<String, List<String>> params = call.params();
        String name = Call.first(params, "client_name");
        if (name == null || name.isBlank()) {
            throw ApiError.validation("Application name can't be blank");
        }
        List<String> redirects = params.getOrDefault("redirect_uris", List.of()).stream()
                .flatMap(r -> Arrays.stream(r.split("\\s+"))).filter(r -> !r.isBlank()).toList();
        if (redirects.isEmpty()) {
            throw ApiError.validation("Redirect URI can't be blank");
        }
        for (String redirect : redirects) {
            if (!redirect.equals(OOB) && !absolute(redirect)) {
                throw ApiError.validation("Redirect URI must be an absolute URI.");
            }
        }
        List<String> scopes = scopes(Call.first(params, "scopes"));
        if (scopes == null) {
            throw ApiError.validation("Scopes are invalid");
        }
        SandboxApp app = new SandboxApp(runtime.state.newAppId(), name, ServerState.secret(), ServerState.secret(),
                redirects, scopes, Call.first(params, "website"));
        synchronized (runtime.state) {
            runtime.state.apps.put(app.clientId(), app);
        }
        call.json(200, entities.application(app, true));
    }

    /** The consent page, or an error page / error redirect for a bad request. */
    void authorizePage(Call call) {
        Map<String, List<String>> params = call.params();
        Request request = request(call, params);
        if (request == null) {
            return;
        }
        if (runtime.autoApprove) {
            approve(call, request, SandboxUser.DEFAULT.id());
            return;
        }
        StringBuilder hidden = new StringBuilder();
        params.forEach((k, v) -> hidden.append("<input type=\"hidden\" name=\"").append(Entities.escape(k))
                .append("\" value=\"").append(Entities.escape(v.isEmpty() ? "" : v.get(0))).append("\">\n"));
        StringBuilder users = new StringBuilder();
        synchronized (runtime.state) {
            runtime.state.users.values().forEach(u -> users.append("<option value=\"").append(u.id()).append("\">@")
                    .append(Entities.escape(u.username())).append("</option>"));
        }
        call.html(200, """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Authorization required - Mastodon sandbox</title></head>
                <body>
                <h1>Authorization required</h1>
                <p><strong>%s</strong> would like permission to access your account. It is a third-party application.</p>
                <p>Scopes: <code>%s</code></p>
                <form method="post" action="/oauth/authorize">
                %s<label>Signed in as <select name="user_id">%s</select></label>
                <button type="submit" name="decision" value="approve" id="approve">Authorize</button>
                <button type="submit" name="decision" value="deny" id="deny">Deny</button>
                </form>
                </body></html>
                """.formatted(Entities.escape(request.app().name()), Entities.escape(String.join(" ",
                request.scopes())), hidden, users));
    }

    /** The user's answer on the consent page. */
    void authorizeDecision(Call call) {
        Map<String, List<String>> params = call.params();
        Request request = request(call, params);
        if (request == null) {
            return;
        }
        if (!"approve".equals(Call.first(params, "decision"))) {
            redirectError(call, request.redirectUri(), request.state(), "access_denied",
                    "The resource owner or authorization server denied the request.");
            return;
        }
        String userId = Call.first(params, "user_id");
        if (userId == null || !runtime.state.users.containsKey(userId)) {
            userId = SandboxUser.DEFAULT.id();
        }
        approve(call, request, userId);
    }

    void token(Call call) {
        Map<String, List<String>> params = call.params();
        String[] basic = basicAuth(call);
        String clientId = basic != null ? basic[0] : Call.first(params, "client_id");
        String secret = basic != null ? basic[1] : Call.first(params, "client_secret");
        String grantType = Call.first(params, "grant_type");
        if (grantType == null) {
            throw ApiError.oauth(400, "invalid_request", "Missing required parameter: grant_type.");
        }
        SandboxApp app = runtime.state.apps.get(clientId == null ? "" : clientId);
        if (app == null || !app.clientSecret().equals(secret)) {
            throw ApiError.oauth(401, "invalid_client", INVALID_CLIENT);
        }
        ServerState.Grant grant;
        switch (grantType) {
            case "authorization_code" -> {
                String code = Call.first(params, "code");
                if (code == null) {
                    throw ApiError.oauth(400, "invalid_request", "Missing required parameter: code.");
                }
                ServerState.Code stored;
                synchronized (runtime.state) {
                    stored = runtime.state.codes.remove(code);
                }
                if (stored == null || !stored.clientId().equals(clientId)
                        || !stored.redirectUri().equals(Call.first(params, "redirect_uri"))
                        || !runtime.state.now().isBefore(stored.expiresAt())) {
                    throw ApiError.oauth(400, "invalid_grant", INVALID_GRANT);
                }
                if (stored.challenge() != null) {
                    String verifier = Call.first(params, "code_verifier");
                    if (verifier == null || !s256(verifier).equals(stored.challenge())) {
                        throw ApiError.oauth(400, "invalid_grant", INVALID_GRANT);
                    }
                }
                grant = runtime.state.issue(clientId, stored.userId(), stored.scopes());
            }
            case "client_credentials" -> {
                List<String> scopes = scopes(Call.first(params, "scope"));
                if (scopes == null || !app.scopes().containsAll(scopes)) {
                    throw ApiError.oauth(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
                }
                grant = runtime.state.issue(clientId, null, new LinkedHashSet<>(scopes));
            }
            default -> throw ApiError.oauth(400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server.");
        }
        call.json(200, tokenJson(grant));
    }

    Map<String, Object> tokenJson(ServerState.Grant grant) {
        return Json.object("access_token", grant.token(), "token_type", "Bearer",
                "scope", String.join(" ", grant.scopes()), "created_at", grant.createdAt().getEpochSecond());
    }

    void revoke(Call call) {
        Map<String, List<String>> params = call.params();
        String[] basic = basicAuth(call);
        String clientId = basic != null ? basic[0] : Call.first(params, "client_id");
        String secret = basic != null ? basic[1] : Call.first(params, "client_secret");
        SandboxApp app = runtime.state.apps.get(clientId == null ? "" : clientId);
        if (app == null || !app.clientSecret().equals(secret)) {
            throw ApiError.oauth(403, "unauthorized_client", "You are not authorized to revoke this token");
        }
        String token = Call.first(params, "token");
        if (token == null) {
            throw ApiError.oauth(400, "invalid_request", "Missing required parameter: token.");
        }
        // RFC 7009: an unknown token, or another client's, is answered 200 all the same (and left alone).
        runtime.state.grant(token).filter(g -> clientId.equals(g.clientId())).ifPresent(g ->
                runtime.state.revoke(token));
        call.json(200, Json.object());
    }

    void verifyCredentials(Call call) {
        call.requireScope("read:accounts");
        SandboxUser user = userOf(call);
        call.json(200, entities.credentialAccount(user));
    }

    /** The caller's user; 422 for an app token without one, as Mastodon answers. */
    SandboxUser userOf(Call call) {
        String id = call.requireUser();
        if (id == null) {
            throw ApiError.of(422, "This method requires an authenticated user");
        }
        return runtime.state.users.get(id);
    }

    // ---- inside

    private record Request(SandboxApp app, String redirectUri, String state, List<String> scopes, String challenge) {
    }

    /** The checked authorization request, or null when an error page or error redirect was answered. */
    private Request request(Call call, Map<String, List<String>> params) {
        SandboxApp app = runtime.state.apps.get(String.valueOf(Call.first(params, "client_id")));
        if (app == null) {
            errorPage(call, 401, "Client authentication failed due to unknown client, no client authentication "
                    + "included, or unsupported authentication method.");
            return null;
        }
        String redirect = Call.first(params, "redirect_uri");
        if (redirect == null || !app.redirectUris().contains(redirect)) {
            errorPage(call, 400, "The redirect uri included is not valid.");
            return null;
        }
        String state = Call.first(params, "state");
        if (!"code".equals(Call.first(params, "response_type"))) {
            redirectError(call, redirect, state, "unsupported_response_type",
                    "The authorization server does not support this response type.");
            return null;
        }
        List<String> scopes = scopes(Call.first(params, "scope"));
        if (scopes == null || !new LinkedHashSet<>(app.scopes()).containsAll(scopes)) {
            redirectError(call, redirect, state, "invalid_scope",
                    "The requested scope is invalid, unknown, or malformed.");
            return null;
        }
        String challenge = Call.first(params, "code_challenge");
        String method = Call.first(params, "code_challenge_method");
        if (challenge != null && !"S256".equals(method)) {
            redirectError(call, redirect, state, "invalid_request",
                    "The code challenge method must be S256.");
            return null;
        }
        return new Request(app, redirect, state, scopes, challenge);
    }

    private void approve(Call call, Request request, String userId) {
        String code = ServerState.secret();
        synchronized (runtime.state) {
            runtime.state.codes.put(code, new ServerState.Code(code, request.app().clientId(), userId,
                    request.redirectUri(), new LinkedHashSet<>(request.scopes()), request.challenge(),
                    runtime.state.now().plus(CODE_LIFETIME)));
        }
        if (request.redirectUri().equals(OOB)) {
            call.html(200, "<!DOCTYPE html><html><body><h1>Authorization code</h1><p>Copy this code and paste it "
                    + "into the application.</p><input readonly value=\"" + code + "\"></body></html>");
            return;
        }
        call.redirect(withQuery(request.redirectUri(), "code", code, "state", request.state()));
    }

    private static void redirectError(Call call, String redirect, String state, String error, String description) {
        call.redirect(withQuery(redirect, "error", error, "error_description", description, "state", state));
    }

    private static void errorPage(Call call, int status, String message) {
        call.html(status, "<!DOCTYPE html><html><body><h1>An error has occurred</h1><p>" + Entities.escape(message)
                + "</p></body></html>");
    }

    private static String withQuery(String uri, String... pairs) {
        StringBuilder out = new StringBuilder(uri).append(uri.contains("?") ? "&" : "?");
        boolean first = true;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            out.append(first ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            first = false;
        }
        return out.toString();
    }

    /** Known scopes in a space (or plus) separated list; {@code read} when none; null when one is unknown. */
    private static List<String> scopes(String text) {
        if (text == null || text.isBlank()) {
            return List.of("read");
        }
        List<String> scopes = Arrays.stream(text.split("[\\s+]+")).filter(s -> !s.isBlank()).distinct().toList();
        return SCOPES.containsAll(scopes) ? scopes : null;
    }

    private static String[] basicAuth(Call call) {
        String header = call.ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static boolean absolute(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && parsed.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> parseScopes(String text) {
        List<String> scopes = scopes(text);
        if (scopes == null) {
            throw new IllegalArgumentException("unknown scope in '" + text + "'");
        }
        return new LinkedHashSet<>(scopes);
    }
}
