package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyPostPublisherOnSandboxTest extends BlueskyPostPublisherContract {
    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox();

    @Override
    BlueskyServer server() {
        return SANDBOX;
    }
}
