package dev.outpost.bluesky;

import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlueskyAuthorizerOnRealPdsTest extends BlueskyAuthorizerContract {
    @RegisterExtension
    static final RealPds PDS = new RealPds();

    @Override
    BlueskyServer server() {
        return PDS;
    }

    @Override
    URI plcUrl() {
        return PDS.plcUrl();
    }
}
