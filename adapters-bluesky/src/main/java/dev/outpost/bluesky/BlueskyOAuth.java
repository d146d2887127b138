package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInStart;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * atproto OAuth (FACTS §2), the recommended sign-in: the account's PDS names its authorization server; the request is
 * pushed (PAR) with the state and a PKCE S256 challenge, bound to a fresh DPoP key (ES256) that signs every later
 * request; the browser signs in and consents there; the code comes back to the redirect URI and is exchanged, with
 * the verifier and a proof, for DPoP-bound tokens whose refresh token rotates. The client id is the loopback form
 * {@code http://localhost?redirect_uri=…&scope=…} (a public client, no hosted metadata) for a callback on loopback;
 * for a callback on https it is the URL of the client metadata document ({@link #clientMetadata}) the app serves beside
 * the callback; {@code OUTPOST_BLUESKY_OAUTH_CLIENT_ID} overrides both.
 * Between {@link #begin} and {@link #complete} the key and the server ride in the pending authorization's plugin state.
 */
final class BlueskyOAuth {
    private final Xrpc xrpc;
    private final IdentityResolver identities;
    private final String configuredClientId;
    private final Clock clock;

    BlueskyOAuth(Xrpc xrpc, IdentityResolver identities, String configuredClientId, Clock clock) {
        this.xrpc = xrpc;
        this.identities = identities;
        this.configuredClientId = configuredClientId;
        this.clock = clock;
    }

    SignInStart begin(URI pds, String loginHint, String expectedDid, PendingAuthorization pending) {
        String clientId = clientId(pending.redirectUri());
        OAuthServer server = OAuthServer.of(pds);
        DpopKey key = DpopKey.generate();
        Map<String, String> request = new LinkedHashMap<>();
        request.put("client_id", clientId);
        request.put("response_type", "code");
        request.put("redirect_uri", pending.redirectUri().toString());
        request.put("scope", OAuthServer.SCOPE);
        request.put("state", pending.state());
        request.put("code_challenge", pending.verifier().s256Challenge());
        request.put("code_challenge_method", "S256");
        request.put("login_hint", loginHint);
        String requestUri = server.push(request, key, clock);
        // With PAR the browser carries only the client id and the pushed request's handle (RFC 9126 §4).
        URI url = URI.create(server.authorizationEndpoint() + "?client_id=" + OAuthServer.enc(clientId)
                + "&request_uri=" + OAuthServer.enc(requestUri));
        ObjectNode state = new SessionState.OAuthGrant(server.issuer(), server.tokenEndpoint(),
                server.revocationEndpoint(), clientId, key).json().put("pds", pds.toString());
        if (expectedDid != null) {
            state.put("did", expectedDid);
        }
        return new SignInStart.Redirect(url, pending.withPluginState(state.toString()));
    }

    Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        JsonNode state = read(pending.pluginState());
        SessionState.OAuthGrant grant = SessionState.OAuthGrant.of(state);
        String iss = callback.get("iss");
        if (iss != null && !iss.equals(grant.issuer().toString())) {
            throw new PlatformException.InvalidRequest("invalid-issuer", "the callback came from another "
                    + "authorization server than the one the sign-in began at");
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new PlatformException.InvalidRequest("invalid_request", "the callback carries no code");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri().toString());
        form.put("code_verifier", pending.verifier().value());
        form.put("client_id", grant.clientId());
        JsonNode tokens = OAuthServer.post(grant.tokenEndpoint(), form, grant.key(), clock);
        String did = tokens.path("sub").asText("");
        if (!IdentityResolver.isDid(did)) {
            throw new PlatformException.InvalidRequest("invalid-token", "the OAuth server named no account");
        }
        URI pds = URI.create(state.path("pds").asText());
        if (!did.equals(state.path("did").asText(did))) {
            throw new PlatformException.InvalidRequest("wrong-account", "the browser signed in to another account "
                    + "than the one asked for");
        }
        if (!state.hasNonNull("did")) {
            // The server was named, not found from the account: its account must live where it says.
            URI home = identities.pds(did);
            if (!OAuthServer.of(home).issuer().equals(grant.issuer())) {
                throw new PlatformException.InvalidRequest("wrong-server", "the account " + did + " is not served "
                        + "by the authorization server that signed it in");
            }
            pds = home;
        }
        SessionState session = new SessionState(pds, did, did, grant);
        TokenSet issued = tokens(tokens, session);
        JsonNode who = xrpc.send(XrpcCall.query(pds, "com.atproto.server.getSession")
                .auth(Auth.dpop(issued.accessToken(), grant.key(), clock)));
        String handle = who.path("handle").asText(did);
        SessionState named = session.withIdentity(pds, handle);
        return new Connection(did, new RemoteUser(did, handle, handle), pds, issued.withExtra(named.encode()));
    }

    TokenSet refresh(AccountAccess access, SessionState state) {
        SessionState.OAuthGrant grant = state.oauth();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", access.credentials().refreshToken());
        form.put("client_id", grant.clientId());
        JsonNode tokens = OAuthServer.post(grant.tokenEndpoint(), form, grant.key(), clock);
        if (!state.did().equals(tokens.path("sub").asText(state.did()))) {
            throw new PlatformException.InvalidRequest("wrong-account", "the OAuth server renewed another account");
        }
        return tokens(tokens, state);
    }

    void revoke(AccountAccess access, SessionState state) {
        SessionState.OAuthGrant grant = state.oauth();
        if (grant.revocationEndpoint() == null) {
            return;
        }
        OAuthServer.post(grant.revocationEndpoint(), Map.of("token", access.credentials().refreshToken(),
                "client_id", grant.clientId()), grant.key(), clock);
    }

    private TokenSet tokens(JsonNode answer, SessionState state) {
        String access = answer.path("access_token").asText("");
        String refresh = answer.path("refresh_token").asText("");
        if (access.isEmpty() || !"DPoP".equalsIgnoreCase(answer.path("token_type").asText())) {
            throw new PlatformException.Transient("Bluesky's OAuth server answered no DPoP-bound token", null);
        }
        Set<String> scopes = Arrays.stream(answer.path("scope").asText(OAuthServer.SCOPE).split(" "))
                .filter(s -> !s.isBlank()).collect(Collectors.toSet());
        return new TokenSet(access, refresh.isEmpty() ? null : refresh, answer.path("expires_in").canConvertToLong()
                ? clock.instant().plusSeconds(answer.get("expires_in").asLong()) : null, scopes, state.encode(), 0);
    }

    /**
     * The client metadata document (atproto OAuth's "client_id is a URL" form) for a web app whose callback is the
     * https {@code redirectUri}: a public web client (no client secret, {@code token_endpoint_auth_method none}) with
     * DPoP-bound tokens, whose client id is the document's own URL. None for other callbacks (loopback clients need
     * none) nor when a client id is configured (its document is served elsewhere).
     */
    java.util.Optional<String> clientMetadata(URI redirectUri) {
        if (configuredClientId != null || !"https".equals(redirectUri.getScheme())) {
            return java.util.Optional.empty();
        }
        String clientId = dev.outpost.ports.platform.Authorizer.clientMetadataUrl(redirectUri).toString();
        ObjectNode document = Xrpc.JSON.createObjectNode();
        document.put("client_id", clientId);
        document.put("client_name", "Outpost");
        document.put("client_uri", redirectUri.resolve("/").toString());
        document.put("application_type", "web");
        document.putArray("redirect_uris").add(redirectUri.toString());
        document.put("scope", OAuthServer.SCOPE);
        document.putArray("grant_types").add("authorization_code").add("refresh_token");
        document.putArray("response_types").add("code");
        document.put("token_endpoint_auth_method", "none");
        document.put("dpop_bound_access_tokens", true);
        return java.util.Optional.of(document.toString());
    }

    /**
     * The client id: the configured metadata URL; for an https callback the URL of the document the app serves beside
     * it ({@link #clientMetadata}); the loopback form for a callback on loopback.
     */
    String clientId(URI redirectUri) {
        if (configuredClientId != null) {
            return configuredClientId;
        }
        if ("https".equals(redirectUri.getScheme())) {
            return dev.outpost.ports.platform.Authorizer.clientMetadataUrl(redirectUri).toString();
        }
        String host = redirectUri.getHost();
        if (!"http".equals(redirectUri.getScheme()) || !("127.0.0.1".equals(host) || "[::1]".equals(host))) {
            throw new IllegalArgumentException("Bluesky's browser sign-in without " + BlueskySettings.OAUTH_CLIENT_ID
                    + " needs a callback on https or on http://127.0.0.1, not " + redirectUri + "; set "
                    + BlueskySettings.OAUTH_CLIENT_ID + " to the https URL of the app's client metadata");
        }
        return "http://localhost?redirect_uri=" + OAuthServer.enc(redirectUri.toString()) + "&scope="
                + OAuthServer.enc(OAuthServer.SCOPE);
    }

    private static JsonNode read(String pluginState) {
        try {
            return Xrpc.JSON.readTree(pluginState);
        } catch (IOException e) {
            throw new PlatformException.InvalidRequest("invalid_request", "this sign-in's state is unreadable");
        }
    }
}
