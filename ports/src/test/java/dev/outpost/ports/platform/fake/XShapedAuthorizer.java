package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.SignInStart;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The X-shaped plugin's sign-in: one browser redirect with PKCE S256, no fields; refresh rotates; revoke. */
final class XShapedAuthorizer implements Authorizer {
    static final SignInMethod OAUTH = new SignInMethod("oauth", "Sign in with the browser", true, List.of());

    private final XShapedPlatform platform;

    XShapedAuthorizer(XShapedPlatform platform) {
        this.platform = platform;
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
        return new SignInStart.Redirect(URI.create("https://" + XShapedPlatform.HOST
                + "/oauth2/authorize?response_type=code&client_id=" + XShapedPlatform.CLIENT_ID + "&redirect_uri="
                + encode(pending.redirectUri().toString()) + "&scope="
                + encode(String.join(" ", new TreeSet<>(XShapedPlatform.SCOPES))) + "&state="
                + encode(pending.state()) + "&code_challenge=" + pending.verifier().s256Challenge()
                + "&code_challenge_method=S256"), pending);
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw new PlatformException.InvalidRequest("invalid_request", "the callback brought no code");
        }
        TokenSet tokens = platform.exchange(code, pending.redirectUri(), pending.verifier().s256Challenge());
        RemoteUser user = platform.me(tokens.accessToken());
        return new Connection(user.id(), user, null, tokens);
    }

    @Override
    public TokenSet refresh(AccountAccess access) {
        if (!access.credentials().canRefresh()) {
            throw new PlatformException.InvalidRequest("invalid_request", "these credentials have no refresh token");
        }
        return platform.refresh(access.credentials().refreshToken());
    }

    @Override
    public void revoke(AccountAccess access) {
        platform.revoke(access.accessToken());
        if (access.credentials().canRefresh()) {
            platform.revoke(access.credentials().refreshToken());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
