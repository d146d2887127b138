package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.TestMedia;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

class BlueskyShapedMediaTransportTest extends MediaTransportContract {
    private final FakeClock clock = new FakeClock();
    private final BlueskyShapedPlatform platform = new BlueskyShapedPlatform(clock);
    private final AccountAccess access = platform.access();

    @Override
    protected MediaTransport createTransport() {
        return platform.plugin().mediaTransport(platform.context());
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return platform.capabilities();
    }

    @Override
    protected Optional<String> storedSha256(MediaRef media) {
        return platform.storedSha256(media.value().split(" ")[0]);
    }

    @Override
    protected OptionalLong bytesReceived() {
        return OptionalLong.of(platform.mediaBytesReceived());
    }

    @Override
    protected Optional<MediaFile> refusedFile() {
        return Optional.of(TestMedia.mp4(dir, "large.mp4", BlueskyShapedPlatform.BLOB_LIMIT + 1, 3));
    }

    @Override
    protected Clock clock() {
        return clock;
    }

    @Override
    protected void waitFor(Duration duration) {
        clock.advance(duration);
    }
}
