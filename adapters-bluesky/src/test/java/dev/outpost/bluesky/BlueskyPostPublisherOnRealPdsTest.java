package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyPostPublisherOnRealPdsTest extends BlueskyPostPublisherContract {
    @RegisterExtension
    static final RealPds PDS = new RealPds();

    @Override
    BlueskyServer server() {
        return PDS;
    }
}
