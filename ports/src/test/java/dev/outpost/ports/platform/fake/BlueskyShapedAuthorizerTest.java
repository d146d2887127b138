package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.AuthorizerContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.SignInMethod;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

class BlueskyShapedAuthorizerTest extends AuthorizerContract {
    private final BlueskyShapedPlatform platform = new BlueskyShapedPlatform();

    @Override
    protected Authorizer createAuthorizer() {
        return platform.plugin().authorizer(platform.context());
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return platform.capabilities();
    }

    @Override
    protected URI redirectUri() {
        return URI.create("http://127.0.0.1:8765/callback");
    }

    @Override
    protected Map<String, String> fieldsFor(SignInMethod method) {
        return platform.signInFields();
    }

    @Override
    protected Optional<Map<String, String>> wrongFieldsFor(SignInMethod method) {
        return Optional.of(Map.of("handle", BlueskyShapedPlatform.DEFAULT_USER.handle(), "app-password",
                "wxyz-wxyz-wxyz-wxyz"));
    }

    @Override
    protected URI consent(URI authorizationUrl) {
        throw new AssertionError("no redirect on this platform");
    }

    @Override
    protected RemoteUser whoIs(AccountAccess access) {
        return platform.whoIs(access);
    }

    @Override
    protected Instant now() {
        return platform.clock().instant();
    }
}
