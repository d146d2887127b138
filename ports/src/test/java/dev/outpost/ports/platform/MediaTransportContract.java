package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link MediaTransport} does, real or fake, whatever its protocol: it uploads through the
 * {@link UploadContext} it is lent (every request through {@link UploadContext#call}, progress reported, processing
 * waited for through {@link UploadContext#awaitProcessing}), and what the plugin declares in its
 * {@link PlatformCapabilities} holds (waits with or without the platform's hint, resuming after a crash, alt text at
 * upload).
 *
 * <p>Subclasses supply the subject, one account's valid credentials, the capabilities, and ways to look behind the
 * transport's back where the platform allows it (the bytes it assembled, the bytes it received, the alt text it
 * holds). Waits go through {@link #waitFor}: emulators on a fake clock move it instead of sleeping.
 */
public abstract class MediaTransportContract {
    @TempDir
    protected Path dir;

    protected MediaTransport transport;

    /** A fresh subject (called before each test). */
    protected abstract MediaTransport createTransport();

    /** A valid account and credentials, allowed to upload media. */
    protected abstract AccountAccess access();

    protected abstract PlatformCapabilities capabilities();

    /** The alt text the platform holds for the media; needed when the capabilities say alt text goes with uploads. */
    protected Optional<String> storedAltText(MediaRef media) {
        return Optional.empty();
    }

    /** The SHA-256 (lower-case hex) of the bytes the platform assembled for the media, when it can be read. */
    protected Optional<String> storedSha256(MediaRef media) {
        return Optional.empty();
    }

    /** How many media bytes the platform has received so far for this account, when it can be counted. */
    protected OptionalLong bytesReceived() {
        return OptionalLong.empty();
    }

    /** The clock waits are measured on: the emulator's. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** Waits before the next request: tests of emulators move their clock instead of sleeping. */
    protected void waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Credentials of the platform's shape that were never issued. */
    protected TokenSet invalidCredentials() {
        return TokenSet.issued("bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ", null, null, null);
    }

    protected MediaFile image() {
        return TestMedia.jpeg(dir, "photo.jpg", 64, 48);
    }

    /** A video of a few megabytes: several parts for a platform that uploads in parts. */
    protected MediaFile video() {
        return TestMedia.mp4(dir, "clip.mp4", 3 * 1024 * 1024 + 349_525, 7);
    }

    /** A file the platform refuses outright (too large for it, say), or empty when the test has none. */
    protected Optional<MediaFile> refusedFile() {
        return Optional.empty();
    }

    /** A context as the core would lend it for {@code file}, on the test's clock, waiting through {@link #waitFor}. */
    protected TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access()).clock(clock()).sleeper(this::waitFor);
    }

    @BeforeEach
    void createSubject() {
        transport = createTransport();
    }

    @Test
    public void anImageUploadGivesAnAttachableReference() {
        MediaFile image = image();
        TestUploadContext context = context(image).build();

        MediaRef ref = transport.upload(context);

        assertThat(ref.value()).isNotBlank();
        assertThat(ref.isExpiredAt(clock().instant())).isFalse();
        assertUploadedThrough(context, image, ref);
    }

    @Test
    public void aVideoUploadGivesAnAttachableReference() {
        MediaFile video = video();
        TestUploadContext context = context(video).build();

        MediaRef ref = transport.upload(context);

        assertThat(ref.value()).isNotBlank();
        assertUploadedThrough(context, video, ref);
    }

    @Test
    public void parallelUploadsAssembleTheSameBytes() throws Exception {
        MediaFile first = video();
        MediaFile second = TestMedia.mp4(dir, "other.mp4", first.size() / 2 + 17, 8);
        TestUploadContext one = context(first).parallelism(3).build();
        TestUploadContext two = context(second).parallelism(3).build();

        CompletableFuture<MediaRef> a = CompletableFuture.supplyAsync(() -> transport.upload(one));
        CompletableFuture<MediaRef> b = CompletableFuture.supplyAsync(() -> transport.upload(two));

        assertUploadedThrough(one, first, a.get());
        assertUploadedThrough(two, second, b.get());
        assertThat(a.get().value()).isNotEqualTo(b.get().value());
    }

    @Test
    public void altTextGoesWithTheUploadWhereThePlatformTakesItThere() {
        assumeThat(capabilities().altTextWithUpload()).as("alt text goes with the upload").isTrue();
        MediaFile image = image();

        MediaRef ref = transport.upload(context(image).altText("A test pattern of coloured noise").build());

        assertThat(storedAltText(ref)).contains("A test pattern of coloured noise");
    }

    /**
     * A run that dies right after a checkpoint is continued by the next one from that checkpoint: bytes the platform
     * acknowledged are not sent again, and the platform ends up with the whole file.
     */
    @Test
    public void anUploadThatDiedAfterACheckpointResumesFromIt() {
        assumeThat(capabilities().resumesUploads()).as("uploads resume").isTrue();
        MediaFile video = video();
        TestUploadContext probe = context(TestMedia.mp4(dir, "probe.mp4", video.size(), 9)).build();
        transport.upload(probe);
        int checkpoints = probe.checkpointsWritten();
        assertThat(checkpoints).as("checkpoints written by an upload that resumes").isPositive();

        TestUploadContext dying = context(video).crashAfterCheckpoints((checkpoints + 1) / 2).build();
        assertThatThrownBy(() -> transport.upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        UploadCheckpoint last = dying.journal().latest().orElseThrow();
        OptionalLong before = bytesReceived();
        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        assertThat(resuming.resumed()).contains(last);

        MediaRef ref = transport.upload(resuming);

        assertUploadedThrough(resuming, video, ref);
        OptionalLong after = bytesReceived();
        if (before.isPresent() && after.isPresent()) {
            assertThat(after.getAsLong() - before.getAsLong()).as("bytes sent again after resuming")
                    .isEqualTo(video.size() - last.bytesAcknowledged());
        }
    }

    @Test
    public void refusedCredentialsAreRefreshedOnceThroughTheContext() {
        MediaFile video = video();
        AtomicReference<AccountAccess> refusedWith = new AtomicReference<>();
        TestUploadContext context = context(video).credentials(this::invalidCredentials)
                .refresher(access -> {
                    refusedWith.set(access);
                    return access().credentials();
                }).build();

        MediaRef ref = transport.upload(context);

        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(refusedWith.get().credentials()).isEqualTo(invalidCredentials());
        assertUploadedThrough(context, video, ref);
    }

    @Test
    public void refusedCredentialsWithoutRefreshAreUnauthorized() {
        MediaFile image = image();
        TestUploadContext context = context(image).credentials(this::invalidCredentials).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageNotContaining(invalidCredentials().accessToken());
        assertThat(context.attempts()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.outcome()).isEqualTo("Unauthorized"));
    }

    @Test
    public void aFileThePlatformRefusesIsARefusalNotARetry() {
        Optional<MediaFile> refused = refusedFile();
        assumeThat(refused).as("a file the platform refuses").isPresent();
        TestUploadContext context = context(refused.get()).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOfAny(PlatformException.PayloadTooLarge.class,
                PlatformException.InvalidRequest.class);
        assertThat(context.retriesSpent()).isZero();
    }

    /**
     * What every finished upload shows: every request went through the context and succeeded at last, progress
     * reached the whole file, processing waits match the capabilities, the platform holds the file's bytes.
     */
    protected void assertUploadedThrough(TestUploadContext context, MediaFile file, MediaRef ref) {
        assertThat(context.attempts()).as("requests made through the context").isNotEmpty();
        assertThat(context.progress()).as("progress reported").isNotEmpty();
        assertThat(context.bytesAcknowledged()).as("bytes acknowledged at the end").isEqualTo(file.size());
        List<TestUploadContext.ProcessingWait> waits = context.processingWaits();
        if (capabilities().asynchronousKinds().contains(file.kind()) && context.resumed().isEmpty()) {
            assertThat(waits).as("processing waits for a %s", file.kind()).isNotEmpty();
        }
        if (!capabilities().asynchronousKinds().contains(file.kind())) {
            assertThat(waits).as("processing waits for a %s", file.kind()).isEmpty();
        }
        if (!waits.isEmpty()) {
            assertThat(waits).as("waits carry the platform's hint")
                    .allSatisfy(w -> assertThat(w.hint() != null).isEqualTo(capabilities().processingHint()));
        }
        assertThat(context.journal().checkpoints()).allSatisfy(c -> assertThat(c.phase())
                .isNotEqualTo(UploadCheckpoint.Phase.READY));
        storedSha256(ref).ifPresent(sha -> assertThat(sha).as("the bytes the platform assembled")
                .isEqualTo(file.fingerprint().sha256()));
    }
}
