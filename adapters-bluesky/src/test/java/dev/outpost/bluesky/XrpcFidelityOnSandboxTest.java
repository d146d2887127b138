package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class XrpcFidelityOnSandboxTest extends XrpcFidelityContract {
    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox();

    @Override
    BlueskyServer server() {
        return SANDBOX;
    }
}
