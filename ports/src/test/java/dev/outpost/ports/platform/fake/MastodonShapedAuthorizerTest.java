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

class MastodonShapedAuthorizerTest extends AuthorizerContract {
    private final MastodonShapedPlatform platform = new MastodonShapedPlatform();

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
    protected URI consent(URI authorizationUrl) {
        return platform.approve(authorizationUrl);
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
