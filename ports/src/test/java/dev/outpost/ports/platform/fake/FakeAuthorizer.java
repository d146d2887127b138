package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.RemoteUser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The fake platform's OAuth 2.0 PKCE flow: single-use codes, S256 checked, refresh tokens rotated. */
public final class FakeAuthorizer implements Authorizer {
    private final FakePlatform platform;

    FakeAuthorizer(FakePlatform platform) {
        this.platform = platform;
    }

    @Override
    public Set<String> scopes() {
        return FakePlatform.SCOPES;
    }

    @Override
    public URI authorizationUrl(PendingAuthorization pending) {
        return URI.create("https://" + FakePlatform.HOST + "/oauth2/authorize?response_type=code&client_id="
                + FakePlatform.CLIENT_ID + "&redirect_uri=" + encode(pending.redirectUri().toString()) + "&scope="
                + encode(String.join(" ", new java.util.TreeSet<>(scopes()))) + "&state=" + encode(pending.state())
                + "&code_challenge=" + pending.verifier().s256Challenge() + "&code_challenge_method=S256");
    }

    @Override
    public TokenSet exchange(PendingAuthorization pending, String code) {
        return platform.call(platform.newCall(Operation.EXCHANGE, null, null, -1, 0, null), () -> {
            FakePlatform.CodeGrant grant = platform.takeCode(code);
            if (grant == null || !grant.redirectUri().equals(pending.redirectUri())
                    || !grant.challenge().equals(pending.verifier().s256Challenge())) {
                throw new PlatformException.InvalidRequest("invalid_request",
                        "Value passed for the authorization code was invalid.");
            }
            return platform.issueTokens(platform.user(grant.userId()), FakePlatform.SCOPES);
        });
    }

    @Override
    public TokenSet refresh(TokenSet current) {
        if (!current.canRefresh()) {
            throw new PlatformException.InvalidRequest("invalid_request", "this token set has no refresh token");
        }
        return platform.call(platform.newCall(Operation.REFRESH, current.refreshToken(), null, -1, 0, null),
                () -> platform.rotate(current.refreshToken()));
    }

    @Override
    public void revoke(TokenSet tokens) {
        platform.call(platform.newCall(Operation.REVOKE, tokens.accessToken(), null, -1, 0, null), () -> {
            platform.revoke(tokens.accessToken());
            if (tokens.refreshToken() != null) {
                platform.revoke(tokens.refreshToken());
            }
            return null;
        });
    }

    @Override
    public RemoteUser currentUser(String accessToken) {
        return platform.call(platform.newCall(Operation.CURRENT_USER, accessToken, null, -1, 0, null),
                () -> platform.user(platform.requireToken(accessToken, "users.read")));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
