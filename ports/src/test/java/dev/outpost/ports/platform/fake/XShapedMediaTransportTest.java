package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.TestMedia;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

class XShapedMediaTransportTest extends MediaTransportContract {
    private final FakeClock clock = new FakeClock();
    private final XShapedPlatform platform = new XShapedPlatform(clock);
    private final AccountAccess access = platform.access();

    @Override
    protected MediaTransport createTransport() {
        platform.limitBytes(MediaKind.IMAGE, 100_000);
        return platform.plugin().mediaTransport(new PlatformContext(Map.of(XShapedPlatform.PART_SIZE_SETTING,
                Long.toString(1024 * 1024)), clock, new InMemoryVault()));
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
    protected Optional<String> storedAltText(MediaRef media) {
        return platform.storedAltText(media.value());
    }

    @Override
    protected Optional<String> storedSha256(MediaRef media) {
        return platform.storedSha256(media.value());
    }

    @Override
    protected OptionalLong bytesReceived() {
        return OptionalLong.of(platform.mediaBytesReceived());
    }

    @Override
    protected Optional<MediaFile> refusedFile() {
        return Optional.of(TestMedia.png(dir, "large.png", 200, 200));
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
