package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ports' {@link MediaTransportContract} for the Bluesky plugin with videos as plain blobs ({@code none}), against
 * a Bluesky server (the real PDS or the sandbox): one request per file, nothing processed, nothing to resume; the
 * bytes the server holds are read back with {@code com.atproto.sync.getBlob}.
 */
abstract class BlueskyMediaTransportContract extends MediaTransportContract {
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder().processingHint(false)
            .resumesUploads(false).altTextWithUpload(false).signInMethods("app-password").tokensExpire(true)
            .refreshes(true).build();

    private AccountAccess access;

    abstract BlueskyServer server();

    @Override
    protected MediaTransport createTransport() {
        Plugin plugin = new Plugin(server());
        access = plugin.connect("media");
        return plugin.transport();
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** A session JWT with a bad signature: what the server refuses as {@code InvalidToken}. */
    @Override
    protected TokenSet invalidCredentials() {
        return new TokenSet(TestJwts.forged(access.accessToken()), null, null, null, access.credentials().extra(), 0);
    }

    /**
     * The server serves a blob once a record names it (until then it is temporary and {@code getBlob} answers 400):
     * a record of a test collection names it first.
     */
    @Override
    protected Optional<String> storedSha256(MediaRef media) {
        BlobRef ref = BlobRef.decode(media.value());
        Wire wire = new Wire(server().url());
        wire.post("com.atproto.repo.createRecord", access.accessToken(), Map.of("repo",
                access.account().platformUserId(), "collection", "dev.outpost.test.hold", "validate", false,
                "record", Map.of("$type", "dev.outpost.test.hold", "blob", ref.blob())));
        byte[] bytes = wire.bytes("com.atproto.sync.getBlob", Map.of("did", access.account().platformUserId(),
                "cid", ref.cid()));
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Above the server's blob limit (5,242,880 bytes): its 413. */
    @Override
    protected Optional<MediaFile> refusedFile() {
        return Optional.of(TestMedia.mp4(dir, "large.mp4", 5_242_880 + 1, 3));
    }

    @Test
    void anImageCarriesItsAspectRatioAndIsStoredAsAnImage() {
        MediaFile image = TestMedia.png(dir, "wide.png", 64, 36);

        BlobRef ref = BlobRef.decode(transport.upload(context(image).build()).value());

        assertThat(ref.aspectRatio()).isEqualTo(new ImageHeader(64, 36));
        assertThat(ref.blob().path("mimeType").asText()).isEqualTo("image/png");
        assertThat(ref.blob().path("size").asLong()).isEqualTo(image.size());
    }

    @Test
    void anImageOverTwoMillionBytesIsRefusedBeforeAnythingIsSent() {
        MediaFile big = TestMedia.png(dir, "big.png", 900, 900);
        assertThat(big.size()).isGreaterThan(2_000_000);
        TestUploadContext context = context(big).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("big.png").hasMessageContaining("2,000,000 bytes");
        assertThat(context.attempts()).isEmpty();
    }

    @Test
    void aVideoTooLargeForTheServerNamesTheFile() {
        TestUploadContext context = context(refusedFile().orElseThrow()).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOf(PlatformException.PayloadTooLarge.class)
                .hasMessageContaining("large.mp4").hasMessageContaining("PayloadTooLarge");
    }
}
