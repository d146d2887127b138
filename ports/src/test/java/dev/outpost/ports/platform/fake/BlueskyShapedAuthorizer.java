package dev.outpost.ports.platform.fake;

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
import java.util.List;
import java.util.Map;

/**
 * The Bluesky-shaped plugin's sign-in: a form of a handle and an app password, which gives a session at once (the app
 * password is never kept: the session's refresh token is the credential). The session's proof key travels in the
 * credentials' plugin state.
 */
final class BlueskyShapedAuthorizer implements Authorizer {
    static final SignInMethod APP_PASSWORD = new SignInMethod("app-password", "Sign in with an app password", false,
            List.of(new SignInField("handle", "Handle", "Your handle, such as alice.example.social", false, true,
                    "OUTPOST_FAKEBLUESKY_HANDLE"),
                    new SignInField("app-password", "App password", "Made in Settings, App passwords; never your "
                            + "account's password", true, true, "OUTPOST_FAKEBLUESKY_APP_PASSWORD")));

    private final BlueskyShapedPlatform platform;

    BlueskyShapedAuthorizer(BlueskyShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public List<SignInMethod> signInMethods() {
        return List.of(APP_PASSWORD);
    }

    @Override
    public SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending) {
        if (!APP_PASSWORD.id().equals(method)) {
            throw new IllegalArgumentException("no sign-in method '" + method + "'; use " + APP_PASSWORD.id());
        }
        String handle = required(fields, "handle").replaceFirst("^@", "");
        String password = required(fields, "app-password");
        BlueskyShapedPlatform.Session session = platform.createSession(handle, password);
        RemoteUser user = new RemoteUser(session.did(), session.handle(), session.handle());
        return new SignInStart.Connected(new Connection(session.did(), user, BlueskyShapedPlatform.PDS,
                session.tokens()));
    }

    @Override
    public Connection complete(PendingAuthorization pending, Map<String, String> callback) {
        throw new PlatformException.InvalidRequest("invalid_request", "this platform signs in without a redirect");
    }

    @Override
    public TokenSet refresh(AccountAccess access) {
        if (!access.credentials().canRefresh()) {
            throw new PlatformException.Unauthorized("this session cannot be renewed: sign in again");
        }
        return platform.refreshSession(access.credentials().refreshToken(), access.credentials().extra());
    }

    @Override
    public void revoke(AccountAccess access) {
        if (!access.credentials().canRefresh()) {
            return;
        }
        try {
            platform.deleteSession(access.credentials().refreshToken(), access.credentials().extra());
        } catch (PlatformException.Unauthorized | PlatformException.InvalidRequest e) {
            // Already invalid: nothing to revoke.
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": required");
        }
        return value.strip();
    }
}
