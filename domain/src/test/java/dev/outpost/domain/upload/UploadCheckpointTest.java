package dev.outpost.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadCheckpointTest {
    private static final Instant T0 = Instant.parse("2030-02-01T08:00:00Z");
    private static final String SHA = "ab".repeat(32);
    private static final MediaFile FILE = new MediaFile(Path.of("/tmp/clip.mp4"), MediaType.MP4,
            new FileFingerprint(1000, T0, SHA));

    @Test
    void aCheckpointContinuesOnlyForTheSameHashedContent() {
        UploadCheckpoint checkpoint = checkpoint(FILE, 400, null);

        assertThat(checkpoint.continuesWith(FILE)).isTrue();
        assertThat(checkpoint.continuesWith(new MediaFile(Path.of("/elsewhere/clip.mp4"), MediaType.MP4,
                FILE.fingerprint()))).as("the content, not the path, decides").isTrue();
        assertThat(checkpoint.continuesWith(withFingerprint(new FileFingerprint(1001, T0, SHA)))).isFalse();
        assertThat(checkpoint.continuesWith(withFingerprint(new FileFingerprint(1000, T0.plusSeconds(1), SHA))))
                .isFalse();
        assertThat(checkpoint.continuesWith(withFingerprint(new FileFingerprint(1000, T0, "cd".repeat(32)))))
                .isFalse();
    }

    @Test
    void anUnhashedFileNeverResumes() {
        MediaFile unhashed = withFingerprint(FileFingerprint.unhashed(1000, T0));

        assertThat(checkpoint(unhashed, 0, null).continuesWith(unhashed)).isFalse();
        assertThat(unhashed.fingerprint().hashed()).isFalse();
    }

    @Test
    void expiryIsOptional() {
        assertThat(checkpoint(FILE, 0, null).isExpiredAt(Instant.MAX)).isFalse();
        UploadCheckpoint expiring = checkpoint(FILE, 0, T0.plusSeconds(60));
        assertThat(expiring.isExpiredAt(T0.plusSeconds(59))).isFalse();
        assertThat(expiring.isExpiredAt(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void acknowledgedBytesStayWithinTheFile() {
        assertThat(checkpoint(FILE, 1000, null).bytesAcknowledged()).isEqualTo(1000);
        assertThatThrownBy(() -> checkpoint(FILE, 1001, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> checkpoint(FILE, -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadCheckpoint(UploadId.random(), AccountId.of("example", "1"), FILE,
                UploadCheckpoint.Phase.UPLOADING, null, 0, null)).isInstanceOf(NullPointerException.class);
    }

    private static UploadCheckpoint checkpoint(MediaFile file, long bytes, Instant expiresAt) {
        return new UploadCheckpoint(new UploadId("u-1"), AccountId.of("example", "1"), file,
                UploadCheckpoint.Phase.UPLOADING, "{\"media\":\"42\",\"parts\":[0,1]}", bytes, expiresAt);
    }

    private static MediaFile withFingerprint(FileFingerprint fingerprint) {
        return new MediaFile(FILE.path(), FILE.type(), fingerprint);
    }
}
