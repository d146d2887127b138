package dev.outpost.x;

import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.AuthorizerContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.RemoteUser;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The authorizer contract against the X sandbox, as a confidential client (HTTP Basic). */
class XAuthorizerSandboxTest extends AuthorizerContract {
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected Authorizer createAuthorizer() {
        return new XPlatformPlugin().authorizer(sandbox.context());
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return Sandbox.CAPABILITIES;
    }

    @Override
    protected URI redirectUri() {
        return sandbox.redirectUri();
    }

    @Override
    protected URI consent(URI authorizationUrl) {
        return Sandbox.consent(authorizationUrl);
    }

    @Override
    protected RemoteUser whoIs(AccountAccess access) {
        return Whois.ask(sandbox, access);
    }

    @Override
    protected Instant now() {
        return sandbox.clock.instant();
    }

    @Override
    protected String platformId() {
        return "x";
    }
}
