package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformVault;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInField;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Mastodon-shaped plugin's sign-in: the user names a server; the plugin registers a client with that server once
 * (kept in its vault as {@code client:<host> <redirect URI>}, reused by every later sign-in and every process) and redirects the
 * browser with PKCE S256; the pending sign-in remembers the server. Tokens never expire and cannot be refreshed.
 */
final class MastodonShapedAuthorizer implements Authorizer {
    static final SignInMethod OAUTH = new SignInMethod("oauth", "Sign in with the browser", true, List.of(
            new SignInField("server", "Server", "The address of your server, such as social.example", false, true,
                    "OUTPOST_FAKEMASTODON_SERVER")));

    private final MastodonShapedPlatform platform;
    private final PlatformVault vault;

    MastodonShapedAuthorizer(MastodonShapedPlatform platform, PlatformVault vault) {
        this.platform = platform;
        this.vault = vault;
    }

    @Override
    public List<SignInMethod> signInMethods() {
        return List.of(OAUTH);
    }

    @Override
    public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
        if (!OAUTH.id().equals(method)) {
            throw new IllegalArgumentException("no sign-in method '" + method + "'; use " + OAUTH.id());
        }
        URI server = server(fields.get("server"));
        String[] client = client(server, pending.redirectUri());
        URI url = URI.create(server + "/oauth/authorize?response_type=code&client_id=" + encode(client[0])
                + "&redirect_uri=" + encode(pending.redirectUri().toString()) + "&scope="
                + encode(String.join(" ", new TreeSet<>(MastodonShapedPlatform.SCOPES))) + "&state="
                + encode(pending.state()) + "&code_challenge=" + pending.verifier().s256Challenge()
                + "&code_challenge_method=S256");
        return new SignInStart.Redirect(url, pending.withPluginState(server.toString()));
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        if (pending.pluginState() == null) {
            throw new PlatformException.InvalidRequest("invalid_request", "this sign-in did not name a server");
        }
        URI server = URI.create(pending.pluginState());
        String[] client = client(server, pending.redirectUri());
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new PlatformException.InvalidRequest("invalid_request", "the callback brought no code");
        }
        String token = platform.exchange(server, client[0], client[1], code, pending.redirectUri(),
                pending.verifier().s256Challenge());
        RemoteUser user = platform.verifyCredentials(server, token);
        return new Connection(server.getHost() + ":" + user.id(), user, server,
                TokenSet.issued(token, null, null, MastodonShapedPlatform.SCOPES));
    }

    @Override
    public TokenSet refresh(AccountAccess access) {
        throw new PlatformException.Unauthorized("tokens of " + access.account().server()
                + " cannot be renewed: connect the account again");
    }

    @Override
    public void revoke(AccountAccess access) {
        platform.revokeToken(access.account().server(), access.accessToken());
    }

    /** The client registered with {@code server}: from the vault, or registered now and kept there. */
    private String[] client(URI server, URI redirectUri) {
        String key = "client:" + server.getHost() + " " + redirectUri;
        String stored = vault.get(key).orElseGet(() -> {
            MastodonShapedPlatform.Client registered = platform.registerClient(server, redirectUri);
            return vault.putIfAbsent(key, registered.id() + "\n" + registered.secret());
        });
        return stored.split("\n", 2);
    }

    private static URI server(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("server: name your server, such as social.example");
        }
        String host = typed.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$",
                "");
        if (!host.matches("[a-z0-9.-]+\\.[a-z0-9-]+")) {
            throw new IllegalArgumentException("server: '" + typed + "' is not a server's address");
        }
        return URI.create("https://" + host);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
