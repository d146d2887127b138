package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.mastodonsandbox.Endpoint;
import dev.outpost.mastodonsandbox.SandboxMedia;
import dev.outpost.mastodonsandbox.SandboxUser;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The media transport contract against the sandbox over HTTP, plus what is Mastodon's own. */
class MastodonMediaTransportSandboxTest extends MediaTransportContract {
    private final Sandbox sandbox = new Sandbox();
    private final AccountAccess access = sandbox.access();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Override
    protected MediaTransport createTransport() {
        // Small images only, so that a PNG of noise is refused (and a GIF too large for an image is).
        sandbox.mastodon.limits(sandbox.mastodon.limits().withSizeLimits(100_000, 99L << 20));
        return new MastodonPlatformPlugin().mediaTransport(sandbox.context());
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
        return sandbox.media(media.value()).map(SandboxMedia::description);
    }

    @Override
    protected Optional<String> storedSha256(MediaRef media) {
        return sandbox.media(media.value()).map(SandboxMedia::sha256);
    }

    /** Bytes of every media the server kept for the account: what it received in whole uploads. */
    @Override
    protected OptionalLong bytesReceived() {
        return OptionalLong.of(sandbox.mastodon.media().stream()
                .filter(m -> m.ownerId().equals(SandboxUser.DEFAULT.id())).mapToLong(SandboxMedia::size).sum());
    }

    @Override
    protected Optional<MediaFile> refusedFile() {
        return Optional.of(TestMedia.png(dir, "large.png", 300, 300));
    }

    @Override
    protected Clock clock() {
        return sandbox.clock;
    }

    @Override
    protected void waitFor(Duration duration) {
        sandbox.clock.advance(duration);
    }

    @Test
    void anImageIsReadyAtOnceAndAVideoIsPolledUntilProcessed() {
        MediaFile image = image();
        MediaFile video = video();
        TestUploadContext imageUpload = context(image).altText("Noise").build();
        TestUploadContext videoUpload = context(video).build();

        MediaRef imageRef = transport.upload(imageUpload);
        MediaRef videoRef = transport.upload(videoUpload);

        assertThat(imageUpload.processingWaits()).isEmpty();
        assertThat(imageUpload.journal().checkpoints()).isEmpty();
        assertThat(sandbox.media(imageRef.value()).orElseThrow().type()).isEqualTo("image");
        assertThat(videoUpload.journal().checkpoints()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(videoRef.value());
            assertThat(c.bytesAcknowledged()).isEqualTo(video.size());
        });
        assertThat(videoUpload.processingWaits()).hasSize(3)
                .allSatisfy(w -> assertThat(w.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(sandbox.media(videoRef.value()).orElseThrow().polls()).isEqualTo(3);
        assertThat(videoRef.expiresAt()).isEqualTo(sandbox.clock.instant().minus(videoUpload.processingWaits()
                .stream().map(TestUploadContext.ProcessingWait::waited).reduce(Duration.ZERO, Duration::plus))
                .plus(MastodonMediaTransport.USABLE_FOR));
        assertThat(sandbox.mastodon.requestsTo(Endpoint.MEDIA_CREATE)).hasSize(2);
    }

    @Test
    void theFocalPointGoesWithTheUploadAsFocus() {
        MediaRef withFocus = transport.upload(context(image()).altText("Desk")
                .focus(new dev.outpost.domain.post.FocalPoint(0.5, -0.25)).build());
        MediaRef without = transport.upload(context(image()).build());

        assertThat(sandbox.media(withFocus.value()).orElseThrow().focus()).isEqualTo("0.5,-0.25");
        assertThat(sandbox.media(without.value()).orElseThrow().focus()).isNull();
    }

    @Test
    void aGifTooLargeForAnImageIsRefusedByTheServer() throws java.io.IOException {
        MediaFile gif = TestMedia.inspect(java.nio.file.Files.writeString(dir.resolve("big.gif"), "GIF89a"
                + "x".repeat(150_000)), dev.outpost.domain.media.MediaType.GIF);
        TestUploadContext context = context(gif).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.upload(context))
                .isInstanceOf(dev.outpost.ports.platform.PlatformException.InvalidRequest.class)
                .hasMessageContaining("File file size must be less than");
    }
}
