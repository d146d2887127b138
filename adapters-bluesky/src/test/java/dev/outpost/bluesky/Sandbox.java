package dev.outpost.bluesky;

import dev.outpost.blueskysandbox.BlueskySandbox;
import dev.outpost.blueskysandbox.SandboxConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A Bluesky sandbox per test class, on a free loopback port, with a JWT secret the tests know. */
final class Sandbox implements BeforeAllCallback, AfterAllCallback, BlueskyServer {
    private final String jwtSecret;
    private final UnaryOperator<SandboxConfig.Builder> configure;
    private BlueskySandbox sandbox;

    Sandbox() {
        this(b -> b);
    }

    Sandbox(UnaryOperator<SandboxConfig.Builder> configure) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.jwtSecret = HexFormat.of().formatHex(random);
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = BlueskySandbox.start(configure.apply(SandboxConfig.builder().jwtSecret(jwtSecret)).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }

    BlueskySandbox sandbox() {
        return sandbox;
    }

    @Override
    public URI url() {
        return URI.create(sandbox.baseUrl());
    }

    @Override
    public URI plcUrl() {
        return url();
    }

    @Override
    public String expiredCopyOf(String accessJwt) {
        return TestJwts.expiredCopy(accessJwt, jwtSecret);
    }
}
