package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.ports.platform.TestMedia;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4HeaderTest {
    @TempDir
    Path dir;

    @Test
    void theVideoTracksHeaderGivesTheSizeNotTheSoundTracks() {
        Path file = Mp4Files.write(dir, "wide.mp4", 1920, 1080, 640, 360, false, 300_000);
        assertThat(Mp4Header.read(file)).contains(new ImageHeader(1920, 1080));
    }

    @Test
    void aQuarterTurnInTheTrackMatrixSwapsTheSides() {
        Path file = Mp4Files.write(dir, "portrait.mp4", 1920, 1080, 1920, 1080, true, 1000);
        assertThat(Mp4Header.read(file)).contains(new ImageHeader(1080, 1920));
    }

    @Test
    void aTrackHeaderWithoutASizeFallsBackToTheSampleEntry() {
        Path file = Mp4Files.write(dir, "entry.mp4", 0, 0, 720, 1280, false, 1000);
        assertThat(Mp4Header.read(file)).contains(new ImageHeader(720, 1280));
    }

    @Test
    void aLargeFileIsReadFromItsBoxHeadersWithoutReadingTheMediaData() throws IOException {
        // A 3 GB hole of media data (sparse on disk) before moov: a whole-file read would take long and fill memory.
        Path small = Mp4Files.write(dir, "small.mp4", 1280, 720, 1280, 720, false, 0);
        byte[] bytes = Files.readAllBytes(small);
        int moovAt = indexOf(bytes, "moov") - 4;
        Path large = dir.resolve("large.mp4");
        long media = 3L << 30;
        try (RandomAccessFile out = new RandomAccessFile(large.toFile(), "rw")) {
            out.write(bytes, 0, moovAt - 8); // ftyp
            out.writeInt(1); // a 64-bit mdat size follows
            out.write("mdat".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeLong(16 + media);
            out.seek(out.getFilePointer() + media);
            out.write(bytes, moovAt, bytes.length - moovAt);
        }
        long start = System.nanoTime();
        assertThat(Mp4Header.read(large)).contains(new ImageHeader(1280, 720));
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void whatCannotBeReadGivesNoSize() throws IOException {
        // The MP4 fixture of the other tests: an ftyp box and random bytes, no moov.
        assertThat(Mp4Header.read(TestMedia.mp4(dir, "fixture.mp4", 200_000, 1).path())).isEmpty();
        Path truncated = dir.resolve("truncated.mp4");
        byte[] whole = Files.readAllBytes(Mp4Files.write(dir, "whole.mp4", 640, 480, 640, 480, false, 10));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 40));
        assertThat(Mp4Header.read(truncated)).isEmpty();
        Path sizeless = Mp4Files.write(dir, "sizeless.mp4", 0, 0, 0, 0, false, 10);
        assertThat(Mp4Header.read(sizeless)).isEmpty();
        Path looping = dir.resolve("zero.mp4");
        Files.write(looping, new byte[] {0, 0, 0, 4, 'f', 't', 'y', 'p', 0, 0, 0, 0});
        assertThat(Mp4Header.read(looping)).isEmpty();
        assertThat(Mp4Header.read(dir.resolve("missing.mp4"))).isEmpty();
    }

    private static int indexOf(byte[] bytes, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= bytes.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (bytes[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(type + " not found");
    }
}
