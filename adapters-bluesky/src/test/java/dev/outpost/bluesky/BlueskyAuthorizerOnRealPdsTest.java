package dev.outpost.bluesky;

import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyAuthorizerOnRealPdsTest extends BlueskyAuthorizerContract {
    @RegisterExtension
    static final RealPds PDS = new RealPds();

    @Override
    BlueskyServer server() {
        return PDS;
    }

}
