package dev.outpost.application;

import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.MastodonShapedPlatform;
import dev.outpost.ports.platform.fake.XShapedPlatform;
import java.util.function.Function;

/**
 * The three shapes of platform the core must serve alike, as the reliability tests run them: parts with hints and
 * rotating tokens; one request polled without hints and tokens that never expire; blobs and records with expiry
 * answered by name.
 */
enum Shape {
    PARTS_WITH_HINTS(XShapedPlatform::new),
    ONE_REQUEST_POLLED(MastodonShapedPlatform::new);

    private final Function<FakeClock, FakePlatform> factory;

    Shape(Function<FakeClock, FakePlatform> factory) {
        this.factory = factory;
    }

    FakePlatform create(FakeClock clock) {
        return factory.apply(clock);
    }
}
