package dev.outpost.xsandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The OAuth 2.0 authorization-code flow with PKCE as X runs it (FACTS §4), and {@code /2/users/me}. */
final class OAuthRoutes {
    private final SandboxRuntime runtime;
    private final Authorizations auth;

    OAuthRoutes(SandboxRuntime runtime) {
        this.runtime = runtime;
        this.auth = runtime.authorizations;
    }

    void authorizePage(Call call) {
        var q = call.ctx.queryParamMap();
        String clientId = first(q, "client_id");
        String redirectUri = first(q, "redirect_uri");
        SandboxClient client = clientId == null ? null : auth.clients.get(clientId);
        if (client == null) {
            call.html(400, ConsentPage.error("Unknown client_id."));
            return;
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            // never redirect to an unregistered URI: that is how codes get stolen
            call.html(400, ConsentPage.error("redirect_uri does not match the URIs registered for this app."));
            return;
        }
        String state = first(q, "state");
        String challenge = first(q, "code_challenge");
        String method = first(q, "code_challenge_method");
        Set<String> scopes = Authorizations.parseScopes(first(q, "scope"));
        if (!"code".equals(first(q, "response_type")) || challenge == null || scopes.isEmpty()
                || (method != null && !method.equalsIgnoreCase("S256") && !method.equalsIgnoreCase("plain"))) {
            call.redirect(withParams(redirectUri, "error", "invalid_request", "state", state));
            return;
        }
        var consent = new Authorizations.Consent(clientId, redirectUri, scopes, state, challenge, method);
        if (runtime.autoApprove()) {
            call.redirect(withParams(redirectUri, "state", state, "code", auth.issueCode(consent, runtime.config.defaultUser().id())));
            return;
        }
        call.html(200, ConsentPage.render(auth.startConsent(consent), clientId, scopes, auth.users.values()));
    }

    void authorizeDecision(Call call) {
        Map<String, String> form = call.formOrJsonFields();
        var consent = auth.takeConsent(form.get("consent_id")).orElse(null);
        if (consent == null) {
            call.html(400, ConsentPage.error("This authorization request has expired or was already answered."));
            return;
        }
        if (!"authorize".equals(form.get("decision"))) {
            call.redirect(withParams(consent.redirectUri(), "error", "access_denied", "state", consent.state()));
            return;
        }
        String userId = form.getOrDefault("user_id", runtime.config.defaultUser().id());
        if (!auth.users.containsKey(userId)) {
            userId = runtime.config.defaultUser().id();
        }
        call.redirect(withParams(consent.redirectUri(), "state", consent.state(), "code", auth.issueCode(consent, userId)));
    }

    void token(Call call) {
        Map<String, String> body = call.formOrJsonFields();
        SandboxClient client = authenticateClient(call, body);
        String grantType = body.get("grant_type");
        TokenPair pair;
        if ("authorization_code".equals(grantType)) {
            pair = auth.redeemCode(client.clientId(), body.get("code"), body.get("redirect_uri"), body.get("code_verifier"));
        } else if ("refresh_token".equals(grantType)) {
            pair = auth.refresh(client.clientId(), body.get("refresh_token"));
        } else if (grantType == null) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [grant_type].");
        } else {
            throw ApiProblem.oauth(400, "unsupported_grant_type", "Unsupported grant_type: " + grantType + ".");
        }
        call.json(200, Json.object("token_type", "bearer", "expires_in", pair.expiresInSeconds(),
                "access_token", pair.accessToken(), "scope", pair.scope(), "refresh_token", pair.refreshToken()));
    }

    void revoke(Call call) {
        Map<String, String> body = call.formOrJsonFields();
        SandboxClient client = authenticateClient(call, body);
        String token = body.get("token");
        if (token == null || token.isEmpty()) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [token].");
        }
        auth.revoke(client.clientId(), token);
        call.json(200, Json.object("revoked", true));
    }

    void usersMe(Call call) {
        runtime.requireScopes(call, "tweet.read", "users.read");
        SandboxUser user = auth.users.get(call.userId());
        call.json(200, Json.object("data", Json.object("id", user.id(), "name", user.name(), "username", user.username())));
    }

    /** Confidential clients use HTTP Basic; public ones put client_id in the body (FACTS §4). */
    private SandboxClient authenticateClient(Call call, Map<String, String> body) {
        String header = call.ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw missingAuthorization();
            }
            int colon = decoded.indexOf(':');
            SandboxClient client = colon < 0 ? null : auth.clients.get(decoded.substring(0, colon));
            if (client == null || !client.confidential() || !client.clientSecret().equals(decoded.substring(colon + 1))) {
                throw missingAuthorization();
            }
            return client;
        }
        String clientId = body.get("client_id");
        SandboxClient client = clientId == null ? null : auth.clients.get(clientId);
        if (client == null) {
            throw ApiProblem.oauth(400, "invalid_request", "Missing required parameter [client_id].");
        }
        if (client.confidential()) {
            throw missingAuthorization();
        }
        return client;
    }

    private static ApiProblem missingAuthorization() {
        return ApiProblem.oauth(401, "unauthorized_client", "Missing valid authorization header");
    }

    private static String first(Map<String, java.util.List<String>> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Appends query parameters, skipping null values, keeping X's order ({@code state} then {@code code}). */
    static String withParams(String uri, String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.append(query.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    static String scopeText(Set<String> scopes) {
        return scopes.stream().collect(Collectors.joining(" "));
    }
}
