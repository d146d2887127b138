package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.AuthorizerContract;
import java.net.URI;
import java.time.Instant;

class FakeAuthorizerTest extends AuthorizerContract {
    private final FakePlatform platform = new FakePlatform();

    @Override
    protected Authorizer createAuthorizer() {
        return platform.authorizer();
    }

    @Override
    protected URI redirectUri() {
        return URI.create("http://127.0.0.1:8765/callback");
    }

    @Override
    protected URI consent(URI authorizationUrl) {
        return platform.approve(authorizationUrl);
    }

    @Override
    protected Instant now() {
        return platform.clock().instant();
    }
}
