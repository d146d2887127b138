package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.PlatformPlugin;
import java.util.List;

/** The three shapes together, on one clock, for tests that run the same case against each. */
public final class FakePlatforms {
    private FakePlatforms() {
    }

    /** A fresh platform of each shape, X, Mastodon and Bluesky, on {@code clock}. */
    public static List<FakePlatform> all(FakeClock clock) {
        return List.of(new XShapedPlatform(clock), new MastodonShapedPlatform(clock),
                new BlueskyShapedPlatform(clock));
    }

    /** Their plugins, as the application would load them. */
    public static List<PlatformPlugin> plugins(List<FakePlatform> platforms) {
        return platforms.stream().map(FakePlatform::plugin).toList();
    }
}
