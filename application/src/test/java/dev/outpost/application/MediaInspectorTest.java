package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.ports.platform.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaInspectorTest {
    @TempDir
    Path dir;

    private final MediaInspector inspector = new MediaInspector();

    @Test
    void inspectsTypeFromContentAndFingerprintsTheFile() {
        MediaFile known = TestMedia.mp4(dir, "clip.bin", 100_000, 1);

        MediaFile inspected = inspector.inspect(known.path(), "media[0]");

        assertThat(inspected.type()).isEqualTo(MediaType.MP4);
        assertThat(inspected.fingerprint()).isEqualTo(known.fingerprint());
    }

    @Test
    void anUnchangedFileIsNotReadAgain() {
        MediaFile known = inspector.inspect(TestMedia.mp4(dir, "clip.mp4", 100_000, 1).path(), "media[0]");

        assertThat(inspector.current(known, "media[0]")).isSameAs(known);
    }

    @Test
    void aChangedFileGetsANewFingerprint() throws Exception {
        MediaFile known = inspector.inspect(TestMedia.mp4(dir, "clip.mp4", 100_000, 1).path(), "media[0]");
        Files.write(known.path(), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        MediaFile now = inspector.current(known, "media[0]");

        assertThat(now.size()).isEqualTo(100_003);
        assertThat(now.fingerprint().sha256()).isNotEqualTo(known.fingerprint().sha256());
    }

    @Test
    void aFileGoneSinceItWasAttachedIsNamed() throws Exception {
        MediaFile known = inspector.inspect(TestMedia.mp4(dir, "clip.mp4", 100_000, 1).path(), "media[0]");
        Files.delete(known.path());

        assertThatThrownBy(() -> inspector.current(known, "media[0]")).isInstanceOf(OutpostException.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("does not exist");
    }
}
