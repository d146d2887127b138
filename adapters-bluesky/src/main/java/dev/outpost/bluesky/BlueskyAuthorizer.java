package dev.outpost.bluesky;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bluesky sign-in, two ways. With an app password: the handle (or DID) and an app password the user made in Settings
 * give a session at once ({@code com.atproto.server.createSession}); the password is never kept, the session is.
 * With atproto OAuth in the browser ({@link BlueskyOAuth}): PAR, PKCE S256 and DPoP-bound tokens. Its access
 * JWT expires (its {@code exp}), its refresh JWT rotates at every {@code refreshSession}, and {@code deleteSession}
 * revokes it. Where the account lives is found from the handle (unless the user names the server) and then taken from
 * the session's DID document, and kept in the credentials' plugin state ({@link SessionState}).
 */
final class BlueskyAuthorizer implements Authorizer {
    static final String APP_PASSWORD = "app-password";
    static final SignInMethod APP_PASSWORD_METHOD = new SignInMethod(APP_PASSWORD, "Sign in with an app password",
            false, List.of(
                    new SignInField("handle", "Handle", "Your handle, such as alice.bsky.social (or your DID)", false,
                            true, null),
                    new SignInField("app-password", "App password", "Made in Bluesky's Settings, Privacy and "
                            + "security, App passwords (xxxx-xxxx-xxxx-xxxx); never your account's password. Outpost "
                            + "keeps the session, not the password", true, true, BlueskySettings.APP_PASSWORD),
                    new SignInField("service", "Server", "Only for an account on a server of its own: its address, "
                            + "such as https://pds.example.com. Found from the handle when empty", false, false,
                            null)));
    static final String OAUTH = "oauth";
    static final SignInMethod OAUTH_METHOD = new SignInMethod(OAUTH, "Sign in with Bluesky in the browser", true,
            List.of(new SignInField("handle", "Handle", "Your handle, such as alice.bsky.social (or your DID)", false,
                    true, null),
                    new SignInField("service", "Server", "Only for an account on a server of its own: its address. "
                            + "Found from the handle when empty", false, false, null)));

    private final Xrpc xrpc;
    private final IdentityResolver identities;
    private final BlueskyOAuth oauth;

    BlueskyAuthorizer(Xrpc xrpc, IdentityResolver identities, BlueskyOAuth oauth) {
        this.xrpc = xrpc;
        this.identities = identities;
        this.oauth = oauth;
    }

    @Override
    public List<SignInMethod> signInMethods() {
        return List.of(APP_PASSWORD_METHOD, OAUTH_METHOD);
    }

    @Override
    public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
        if (!APP_PASSWORD.equals(method) && !OAUTH.equals(method)) {
            throw new IllegalArgumentException("Bluesky has no sign-in method '" + method + "'; use " + APP_PASSWORD
                    + " or " + OAUTH);
        }
        String identifier = required(fields, "handle").replaceFirst("^@", "");
        if (!IdentityResolver.isHandle(identifier) && !IdentityResolver.isDid(identifier)) {
            throw new IllegalArgumentException("handle: '" + identifier + "' is not a handle such as "
                    + "alice.bsky.social, nor a DID");
        }
        String service = fields.getOrDefault("service", "").strip();
        String did = IdentityResolver.isDid(identifier) ? identifier : null;
        URI server;
        if (!service.isEmpty()) {
            server = BlueskySettings.uri("service", service);
        } else {
            did = did != null ? did : identities.did(identifier);
            server = identities.pds(did);
        }
        if (OAUTH.equals(method)) {
            return oauth.begin(server, identifier, did, pending);
        }
        String password = required(fields, "app-password");
        JsonNode session = xrpc.send(XrpcCall.procedure(server, "com.atproto.server.createSession",
                Map.of("identifier", identifier, "password", password)));
        String account = session.path("did").asText();
        String handle = session.path("handle").asText(identifier);
        // The server that took the sign-in may be an entryway: the DID document names the PDS to use from now on.
        URI pds = IdentityResolver.pdsOf(session.path("didDoc")).orElse(server);
        TokenSet tokens = tokens(session, new SessionState(pds, account, handle));
        return new SignInStart.Connected(new Connection(account, new RemoteUser(account, handle, handle), pds,
                tokens));
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        if (pending.pluginState() == null) {
            throw new PlatformException.InvalidRequest("invalid_request", "this sign-in has no browser step to "
                    + "complete");
        }
        return oauth.complete(pending, callback);
    }

    /**
     * A new session pair from the refresh JWT. The server rotates the refresh JWT (the old one keeps working for a
     * grace period); a revoked or unknown one is refused as {@code ExpiredToken} or {@code InvalidToken}, which the
     * core takes as "connect again".
     */
    @Override
    public TokenSet refresh(AccountAccess access) {
        if (!access.credentials().canRefresh()) {
            throw new PlatformException.Unauthorized("this Bluesky session cannot be renewed; sign in again");
        }
        SessionState state = SessionState.of(access);
        if (state.oauth() != null) {
            return oauth.refresh(access, state);
        }
        JsonNode session = xrpc.send(XrpcCall.procedure(state.pds(), "com.atproto.server.refreshSession", null)
                .auth(Auth.bearer(access.credentials().refreshToken())));
        URI pds = IdentityResolver.pdsOf(session.path("didDoc")).orElse(state.pds());
        return tokens(session, new SessionState(pds, session.path("did").asText(state.did()),
                session.path("handle").asText(state.handle())));
    }

    @Override
    public void revoke(AccountAccess access) {
        if (!access.credentials().canRefresh()) {
            return;
        }
        try {
            SessionState state = SessionState.of(access);
            if (state.oauth() != null) {
                oauth.revoke(access, state);
                return;
            }
            xrpc.send(XrpcCall.procedure(state.pds(), "com.atproto.server.deleteSession", null)
                    .auth(Auth.bearer(access.credentials().refreshToken())));
        } catch (PlatformException.Unauthorized | PlatformException.InvalidRequest alreadyInvalid) {
            // Revoked, expired or unknown already: nothing left to revoke.
        }
    }

    /** The client metadata a web app on https serves for the browser sign-in (see {@link BlueskyOAuth}). */
    @Override
    public java.util.Optional<String> clientMetadata(URI redirectUri) {
        return oauth.clientMetadata(redirectUri);
    }

    private static TokenSet tokens(JsonNode session, SessionState state) {
        String access = session.path("accessJwt").asText("");
        String refresh = session.path("refreshJwt").asText("");
        if (access.isEmpty() || refresh.isEmpty() || state.did().isEmpty()) {
            throw new PlatformException.Transient("Bluesky answered a session without tokens", null);
        }
        String scope = Jwt.claims(access).path("scope").asText("");
        return new TokenSet(access, refresh, Jwt.expiry(access), scope.isEmpty() ? Set.of() : Set.of(scope),
                state.encode(), 0);
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": required");
        }
        return value.strip();
    }
}
