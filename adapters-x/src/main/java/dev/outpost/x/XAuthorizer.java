package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInField;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * X's OAuth 2.0 authorization code flow with PKCE (S256), the one way to connect an account; tokens made elsewhere
 * (another OAuth 2.0 tool) may be imported. Confidential clients authenticate to the token endpoint with HTTP Basic,
 * public ones put {@code client_id} in the form. Thread-safe.
 */
final class XAuthorizer implements Authorizer {
    static final List<String> SCOPES =
            List.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");
    static final String METHOD = "oauth";
    static final String ACCESS_TOKEN = "access-token";
    static final String REFRESH_TOKEN = "refresh-token";
    static final String EXPIRES_IN = "expires-in";
    static final String SCOPE = "scope";
    /** X's access tokens live two hours (FACTS §4). */
    private static final long DEFAULT_EXPIRES_IN = 7200;

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
    public List<SignInMethod> signInMethods() {
        return List.of(new SignInMethod(METHOD, "Sign in with X", true, List.of()));
    }

    /** Sends the browser to X's consent page; X's sign-in needs no state beyond the core's. */
    @Override
    public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
        if (!METHOD.equals(method)) {
            throw new IllegalArgumentException("X has no sign-in method '" + method + "'; use '" + METHOD + "'");
        }
        return new SignInStart.Redirect(authorizationUrl(pending), pending);
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new PlatformException.InvalidRequest("invalid_request",
                    "X sent the browser back without an authorization code: connect again");
        }
        TokenSet tokens = tokens(FormBody.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", pending.redirectUri().toString(), "code_verifier", pending.verifier().value()));
        return connection(tokens);
    }

    /** What {@code outpost accounts import x} has always taken: the tokens, their remaining life and scopes. */
    @Override
    public List<SignInField> importFields() {
        return List.of(
                new SignInField(ACCESS_TOKEN, "Access token", "An OAuth 2.0 user access token for X.", true, true,
                        "OUTPOST_X_ACCESS_TOKEN"),
                new SignInField(REFRESH_TOKEN, "Refresh token", "Granted with offline.access; without it the account"
                        + " must be connected again when the access token expires.", true, false,
                        "OUTPOST_X_REFRESH_TOKEN"),
                new SignInField(EXPIRES_IN, "Expires in (seconds)", "Seconds the access token has left (default "
                        + DEFAULT_EXPIRES_IN + ", X's two hours).", false, false, null),
                new SignInField(SCOPE, "Scopes", "The scopes granted, separated by spaces or commas (default: "
                        + String.join(" ", SCOPES) + ").", false, false, null));
    }

    /** Stores tokens made elsewhere once X says whose they are ({@code GET /2/users/me}). */
    @Override
    public Connection importCredentials(Map<String, String> fields) {
        String access = value(fields, ACCESS_TOKEN);
        if (access == null) {
            throw new IllegalArgumentException(ACCESS_TOKEN + ": the access token is empty");
        }
        String expires = value(fields, EXPIRES_IN);
        long expiresIn;
        try {
            expiresIn = expires == null ? DEFAULT_EXPIRES_IN : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(EXPIRES_IN + ": a whole number of seconds, not '" + expires + "'", e);
        }
        if (expiresIn < 1) {
            throw new IllegalArgumentException(EXPIRES_IN + ": the access token must have at least one second left;"
                    + " got " + expiresIn);
        }
        String scope = value(fields, SCOPE);
        Set<String> scopes = scope == null ? new LinkedHashSet<>(SCOPES) : Arrays.stream(scope.split("[ ,+]+"))
                .filter(s -> !s.isBlank()).collect(Collectors.toCollection(LinkedHashSet::new));
        TokenSet tokens = TokenSet.issued(access, value(fields, REFRESH_TOKEN), clock.instant().plusSeconds(expiresIn),
                scopes);
        try {
            return connection(tokens);
        } catch (PlatformException.Unauthorized refused) {
            throw new IllegalArgumentException(ACCESS_TOKEN + ": X does not accept this access token ("
                    + refused.getMessage() + ")", refused);
        }
    }

    @Override
    public TokenSet refresh(AccountAccess access) {
        TokenSet current = access.credentials();
        if (!current.canRefresh()) {
            throw new PlatformException.InvalidRequest("no_refresh_token",
                    "this X connection has no refresh token (offline.access was not granted): connect again");
        }
        return tokens(FormBody.of("grant_type", "refresh_token", "refresh_token", current.refreshToken()));
    }

    /** Revokes the refresh token, then the access token; X answers 200 even for a token it no longer knows. */
    @Override
    public void revoke(AccountAccess access) {
        TokenSet tokens = access.credentials();
        if (tokens.refreshToken() != null) {
            revokeOne(tokens.refreshToken(), "refresh_token");
        }
        revokeOne(tokens.accessToken(), "access_token");
    }

    URI authorizationUrl(PendingAuthorization pending) {
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

    /** Who the tokens belong to: the account's local id is X's user id. */
    private Connection connection(TokenSet tokens) {
        RemoteUser user = currentUser(tokens.accessToken());
        return new Connection(user.id(), user, null, tokens);
    }

    RemoteUser currentUser(String accessToken) {
        JsonNode user = XJson.data(XErrorDecoder.call(() -> users.me("Bearer " + accessToken)));
        String id = XJson.text(user, "id");
        String handle = XJson.text(user, "username");
        if (id == null || handle == null) {
            throw new PlatformException.Transient("X's answer to GET /2/users/me names no user id and username",
                    null);
        }
        return new RemoteUser(id, handle, XJson.text(user, "name"));
    }

    private static String value(Map<String, String> fields, String key) {
        String value = fields.get(key);
        return value == null || value.isBlank() ? null : value.strip();
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
