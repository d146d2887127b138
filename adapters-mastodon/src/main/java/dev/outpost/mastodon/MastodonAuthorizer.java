package dev.outpost.mastodon;

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
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting an account of any Mastodon server: the user names the server; the plugin discovers its endpoints
 * ({@code /.well-known/oauth-authorization-server}, else Mastodon's fixed paths), registers a client there once
 * ({@link ClientRegistry}) and sends the browser with PKCE S256 and the scopes {@code write:media write:statuses
 * read:accounts}. Tokens never expire and cannot be refreshed: a revoked one answers 401 and the account must be
 * connected again. A token made by hand (in the server's Development settings) may be imported with its server.
 * Disconnecting revokes the token with the client that obtained it. Thread-safe.
 */
final class MastodonAuthorizer implements Authorizer {
    static final String METHOD = "oauth";
    static final String SERVER = "server";
    static final String ACCESS_TOKEN = "access-token";
    private static final Logger LOG = LoggerFactory.getLogger(MastodonAuthorizer.class);
    private static final SignInField SERVER_FIELD = new SignInField(SERVER, "Server", "Your Mastodon server's "
            + "address, such as mastodon.social", false, true, MastodonSettings.SERVER);

    /** Where a server's OAuth lives. */
    record Endpoints(URI authorization, URI token, URI revocation, URI registration) {
        static Endpoints fixed(URI server) {
            return new Endpoints(URI.create(server + "/oauth/authorize"), URI.create(server + "/oauth/token"),
                    URI.create(server + "/oauth/revoke"), server);
        }
    }

    private final MastodonFeign feign;
    private final ClientRegistry clients;

    MastodonAuthorizer(MastodonFeign feign, ClientRegistry clients) {
        this.feign = feign;
        this.clients = clients;
    }

    @Override
    public List<SignInMethod> signInMethods() {
        return List.of(new SignInMethod(METHOD, "Sign in on your server", true, List.of(SERVER_FIELD)));
    }

    @Override
    public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
        if (!METHOD.equals(method)) {
            throw new IllegalArgumentException("Mastodon has no sign-in method '" + method + "'; use '" + METHOD
                    + "'");
        }
        URI server = ServerAddress.parse(fields.get(SERVER), feign.settings().allowHttp());
        Endpoints endpoints = discover(server);
        ClientRegistry.Client client = clients.client(server, pending.redirectUri(), endpoints.registration());
        String query = String.join("&",
                "response_type=code",
                "client_id=" + encode(client.clientId()),
                "redirect_uri=" + encode(pending.redirectUri().toString()),
                "scope=" + encode(String.join(" ", ClientRegistry.SCOPES)),
                "state=" + encode(pending.state()),
                "code_challenge=" + encode(pending.verifier().s256Challenge()),
                "code_challenge_method=S256");
        URI url = URI.create(endpoints.authorization() + (endpoints.authorization().getRawQuery() == null ? "?" : "&")
                + query);
        return new SignInStart.Redirect(url, pending.withPluginState(pluginState(server, endpoints)));
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        if (pending.pluginState() == null) {
            throw new PlatformException.InvalidRequest("invalid_request", "this sign-in did not name a server: "
                    + "connect again");
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new PlatformException.InvalidRequest("invalid_request", "the server sent the browser back "
                    + "without an authorization code: connect again");
        }
        JsonNode state = readState(pending.pluginState());
        URI server = URI.create(state.path("server").asText());
        URI tokenEndpoint = URI.create(state.path("token").asText());
        String key = ClientRegistry.key(server, pending.redirectUri());
        ClientRegistry.Client client = clients.find(key).orElseThrow(() -> new PlatformException.InvalidRequest(
                "invalid_client", "Outpost's registration on " + ServerAddress.name(server) + " is gone: connect "
                + "again"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("client_id", client.clientId());
        body.put("client_secret", client.clientSecret());
        body.put("redirect_uri", pending.redirectUri().toString());
        body.put("code_verifier", pending.verifier().value());
        body.put("scope", String.join(" ", ClientRegistry.SCOPES));
        JsonNode answer;
        try {
            answer = MastodonErrorDecoder.call(() -> feign.api().token(tokenEndpoint, body));
        } catch (PlatformException.Unauthorized | PlatformException.InvalidRequest refused) {
            if (refused instanceof PlatformException.Unauthorized
                    || refused instanceof PlatformException.InvalidRequest r && r.code().equals("invalid_client")) {
                // The server no longer knows the client (deleted there): register anew next time.
                clients.forget(key);
                throw new PlatformException.InvalidRequest("invalid_client", ServerAddress.name(server)
                        + " no longer knows Outpost's registration: connect again");
            }
            throw refused;
        }
        String token = MastodonJson.text(answer, "access_token");
        if (token == null || token.isBlank()) {
            throw new PlatformException.Transient(ServerAddress.name(server) + "'s token endpoint answered without "
                    + "an access_token", null);
        }
        String scope = MastodonJson.text(answer, "scope");
        Set<String> scopes = scope == null ? new LinkedHashSet<>(ClientRegistry.SCOPES)
                : Arrays.stream(scope.split("[ +]+")).filter(s -> !s.isBlank())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        TokenSet tokens = new TokenSet(token, null, null, scopes, clientState(key, state), 0);
        return connection(server, tokens);
    }

    @Override
    public List<SignInField> importFields() {
        return List.of(SERVER_FIELD, new SignInField(ACCESS_TOKEN, "Access token", "A token made in the server's "
                + "Preferences > Development, with write:media, write:statuses and read:accounts", true, true,
                MastodonSettings.ACCESS_TOKEN));
    }

    /** Stores a token made by hand once the server says whose it is ({@code verify_credentials}). */
    @Override
    public Connection importCredentials(Map<String, String> fields) {
        URI server = ServerAddress.parse(fields.get(SERVER), feign.settings().allowHttp());
        String token = fields.get(ACCESS_TOKEN);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(ACCESS_TOKEN + ": the access token is empty");
        }
        try {
            return connection(server, new TokenSet(token.strip(), null, null, Set.of(), null, 0));
        } catch (PlatformException.Unauthorized refused) {
            throw new IllegalArgumentException(ACCESS_TOKEN + ": " + ServerAddress.name(server) + " does not accept "
                    + "this access token", refused);
        } catch (PlatformException.Forbidden refused) {
            throw new IllegalArgumentException(ACCESS_TOKEN + ": the token lacks read:accounts (give it "
                    + String.join(", ", ClientRegistry.SCOPES) + ")", refused);
        }
    }

    /** Mastodon's tokens never expire, and there is no refresh token: a refused one needs a new sign-in. */
    @Override
    public TokenSet refresh(AccountAccess access) {
        throw new PlatformException.Unauthorized(serverName(access) + " refused the account's token and Mastodon "
                + "tokens cannot be renewed: connect the account again");
    }

    /** Revokes the token with the client that obtained it; a token imported by hand is left to its maker. */
    @Override
    public void revoke(AccountAccess access) {
        URI server = access.account().server();
        Optional<JsonNode> state = access.credentials().pluginState().map(MastodonAuthorizer::readState);
        Optional<ClientRegistry.Client> client = state.flatMap(s -> clients.find(s.path("client").asText()));
        if (server == null || client.isEmpty()) {
            LOG.debug("not revoking a token of {}: Outpost did not obtain it", serverName(access));
            return;
        }
        URI endpoint = URI.create(state.get().path("revocation").asText(server + "/oauth/revoke"));
        Map<String, Object> body = Map.of("client_id", client.get().clientId(), "client_secret",
                client.get().clientSecret(), "token", access.accessToken());
        try {
            MastodonErrorDecoder.call(() -> feign.api().revoke(endpoint, body));
        } catch (PlatformException.InvalidRequest | PlatformException.Unauthorized | PlatformException.Forbidden e) {
            // Best effort by contract: a token the server no longer takes is as good as revoked.
            LOG.debug("revoking a token of {} was refused: {}", serverName(access), e.getMessage());
        }
    }

    /** Who the token belongs to: the account's local id is the server's name and the account's id there. */
    private Connection connection(URI server, TokenSet tokens) {
        JsonNode me = MastodonErrorDecoder.call(() -> feign.api().verifyCredentials(server, "Bearer "
                + tokens.accessToken()));
        String id = MastodonJson.text(me, "id");
        String username = MastodonJson.text(me, "username");
        if (id == null || username == null) {
            throw new PlatformException.Transient(ServerAddress.name(server) + "'s verify_credentials names no "
                    + "account id and username", null);
        }
        String name = MastodonJson.text(me, "display_name");
        RemoteUser user = new RemoteUser(id, username + "@" + server.getHost(),
                name == null || name.isBlank() ? username : name);
        return new Connection(ServerAddress.name(server) + ":" + id, user, server, tokens);
    }

    /** The server's endpoints from its metadata (4.3+), or Mastodon's fixed paths; never another host's. */
    private Endpoints discover(URI server) {
        Endpoints fixed = Endpoints.fixed(server);
        JsonNode meta;
        try {
            meta = MastodonErrorDecoder.call(() -> feign.api().discovery(server));
        } catch (PlatformException.InvalidRequest | PlatformException.Transient | PlatformException.Forbidden e) {
            LOG.debug("{} has no OAuth metadata ({}); using Mastodon's fixed paths", ServerAddress.name(server),
                    e.getMessage());
            return fixed;
        }
        return new Endpoints(sameServer(server, MastodonJson.text(meta, "authorization_endpoint"),
                fixed.authorization()), sameServer(server, MastodonJson.text(meta, "token_endpoint"), fixed.token()),
                sameServer(server, MastodonJson.text(meta, "revocation_endpoint"), fixed.revocation()), server);
    }

    private static URI sameServer(URI server, String endpoint, URI fallback) {
        if (endpoint == null) {
            return fallback;
        }
        try {
            URI uri = URI.create(endpoint);
            return server.getScheme().equals(uri.getScheme()) && server.getAuthority().equals(uri.getAuthority())
                    ? uri : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String pluginState(URI server, Endpoints endpoints) {
        return write(Map.of("server", server.toString(), "token", endpoints.token().toString(), "revocation",
                endpoints.revocation().toString()));
    }

    /** What revoking needs later, kept (encrypted) with the token: which client obtained it, and where to revoke. */
    private static String clientState(String clientKey, JsonNode signInState) {
        return write(Map.of("client", clientKey, "revocation", signInState.path("revocation").asText()));
    }

    private static String write(Map<String, String> values) {
        try {
            return MastodonJson.MAPPER.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readState(String text) {
        try {
            return MastodonJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new PlatformException.InvalidRequest("invalid_request", "this sign-in's saved state is "
                    + "unreadable: connect again");
        }
    }

    private static String serverName(AccountAccess access) {
        URI server = access.account().server();
        return server == null ? "the Mastodon server" : ServerAddress.name(server);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
