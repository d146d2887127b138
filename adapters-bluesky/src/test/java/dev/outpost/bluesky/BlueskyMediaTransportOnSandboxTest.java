package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyMediaTransportOnSandboxTest extends BlueskyMediaTransportContract {
    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox();

    @Override
    BlueskyServer server() {
        return SANDBOX;
    }
}
