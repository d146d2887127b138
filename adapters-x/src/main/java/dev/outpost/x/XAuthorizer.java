package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * X's OAuth 2.0 authorization code flow with PKCE (S256). Confidential clients authenticate to the token endpoint
 * with HTTP Basic, public ones put {@code client_id} in the form. Thread-safe.
 */
final class XAuthorizer implements Authorizer {
    static final List<String> SCOPES =
            List.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");

    private final XSettings settings;
    private final String clientId;
    private final Clock clock;
    private final XOAuthApi oauth;
    private final XUsersApi users;

    XAuthorizer(XFeign feign, Clock clock) {
        this.settings = feign.settings();
        this.clientId = settings.requireClientId();
        this.clock = clock;
        this.oauth = feign.client(XOAuthApi.class);
        this.users = feign.client(XUsersApi.class);
    }

    @Override
    public Set<String> scopes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(SCOPES));
    }

    @Override
    public URI authorizationUrl(PendingAuthorization pending) {
        String query = String.join("&",
                "response_type=code",
                "client_id=" + encode(clientId),
                "redirect_uri=" + encode(pending.redirectUri().toString()),
                "scope=" + encode(String.join(" ", SCOPES)),
                "state=" + encode(pending.state()),
                "code_challenge=" + encode(pending.verifier().s256Challenge()),
                "code_challenge_method=S256");
        return URI.create(settings.authorizeUrl() + "?" + query);
    }

    @Override
    public TokenSet exchange(PendingAuthorization pending, String code) {
        return tokens(FormBody.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", pending.redirectUri().toString(), "code_verifier", pending.verifier().value()));
    }

    @Override
    public TokenSet refresh(TokenSet current) {
        if (!current.canRefresh()) {
            throw new PlatformException.InvalidRequest("no_refresh_token",
                    "this X connection has no refresh token (offline.access was not granted): connect again");
        }
        return tokens(FormBody.of("grant_type", "refresh_token", "refresh_token", current.refreshToken()));
    }

    /** Revokes the refresh token, then the access token; X answers 200 even for a token it no longer knows. */
    @Override
    public void revoke(TokenSet tokens) {
        if (tokens.refreshToken() != null) {
            revokeOne(tokens.refreshToken(), "refresh_token");
        }
        revokeOne(tokens.accessToken(), "access_token");
    }

    @Override
    public RemoteUser currentUser(String accessToken) {
        JsonNode user = XJson.data(XErrorDecoder.call(() -> users.me("Bearer " + accessToken)));
        String id = XJson.text(user, "id");
        String handle = XJson.text(user, "username");
        if (id == null || handle == null) {
            throw new PlatformException.Transient("X's answer to GET /2/users/me names no user id and username",
                    null);
        }
        return new RemoteUser(id, handle, XJson.text(user, "name"));
    }

    private void revokeOne(String token, String hint) {
        try {
            XErrorDecoder.call(() -> oauth.revoke(clientAuth(), withClientId(FormBody.of("token", token,
                    "token_type_hint", hint))));
        } catch (PlatformException.InvalidRequest | PlatformException.Unauthorized alreadyInvalid) {
            // Best effort by contract: a token X no longer accepts is as good as revoked.
        }
    }

    private TokenSet tokens(FormBody form) {
        JsonNode answer = XJson.data(XErrorDecoder.call(() -> oauth.token(clientAuth(), withClientId(form))));
        String access = XJson.text(answer, "access_token");
        if (access == null || access.isBlank()) {
            throw new PlatformException.Transient("X's token endpoint answered without an access_token", null);
        }
        long expiresIn = answer.path("expires_in").asLong(7200);
        String scope = XJson.text(answer, "scope");
        Set<String> scopes = scope == null ? Set.copyOf(SCOPES)
                : Arrays.stream(scope.split("[ +]")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
        return TokenSet.issued(access, XJson.text(answer, "refresh_token"),
                clock.instant().plus(Duration.ofSeconds(expiresIn)), scopes);
    }

    private Map<String, String> clientAuth() {
        if (!settings.isConfidential()) {
            return Map.of();
        }
        String pair = clientId + ":" + settings.clientSecret();
        return Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    private FormBody withClientId(FormBody form) {
        return settings.isConfidential() ? form : form.with("client_id", clientId);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
