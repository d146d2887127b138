package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyAuthorizerOnSandboxTest extends BlueskyAuthorizerContract {
    @RegisterExtension
    static final Sandbox SANDBOX = new Sandbox();

    @Override
    BlueskyServer server() {
        return SANDBOX;
    }

    @Override
    boolean hasOAuthServer() {
        return false;
    }

}
