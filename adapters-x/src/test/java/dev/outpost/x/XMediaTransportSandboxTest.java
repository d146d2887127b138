package dev.outpost.x;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.xsandbox.MediaView;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The media contract against the X sandbox over loopback HTTP. */
class XMediaTransportSandboxTest extends MediaTransportContract {
    private static Sandbox sandbox;
    private static AccountAccess access;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        access = sandbox.access();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected MediaTransport createTransport() {
        return new XPlatformPlugin().mediaTransport(sandbox.context());
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return Sandbox.CAPABILITIES;
    }

    @Override
    protected Optional<String> storedAltText(MediaRef media) {
        return sandbox.media(media.value()).map(MediaView::altText);
    }

    @Override
    protected Optional<String> storedSha256(MediaRef media) {
        return sandbox.media(media.value()).map(MediaView::sha256);
    }

    @Override
    protected OptionalLong bytesReceived() {
        return OptionalLong.of(sandbox.storedSegmentBytes());
    }

    /** An image over X's 5 MiB: noise does not compress. */
    @Override
    protected Optional<MediaFile> refusedFile() {
        return Optional.of(TestMedia.png(dir, "huge.png", 1400, 1300));
    }

    @Override
    protected Clock clock() {
        return sandbox.clock;
    }

    @Override
    protected void waitFor(Duration duration) {
        sandbox.clock.advance(duration);
    }
}
