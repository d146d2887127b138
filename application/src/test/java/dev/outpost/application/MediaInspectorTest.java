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
    void identifyingSniffsTheTypeWithoutHashingAndIsNeverTakenForAHashedFingerprint() {
        MediaFile known = TestMedia.mp4(dir, "clip.bin", 100_000, 1);

        MediaFile identified = inspector.identify(known.path(), "FILE");

        assertThat(identified.type()).isEqualTo(MediaType.MP4);
        assertThat(identified.size()).isEqualTo(100_000);
        assertThat(identified.fingerprint().hashed()).isFalse();
        assertThat(identified.fingerprint()).isNotEqualTo(inspector.inspect(known.path(), "FILE").fingerprint());
        assertThat(inspector.inspect(known.path(), "FILE").fingerprint().hashed()).isTrue();
    }

    @Test
    void identifyingRefusesWhatInspectingRefuses() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "just words, no video");
        assertThatThrownBy(() -> inspector.identify(text, "FILE")).isInstanceOf(OutpostException.class)
                .hasMessageContaining("FILE").hasMessageContaining("notes.mp4 is not a supported image or video");
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
