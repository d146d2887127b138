package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
    @TempDir
    Path dir;

    @Test
    void streams_the_fields_then_exactly_the_file_range_then_the_closing_boundary() throws IOException {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("clip.mp4"), content);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("segment_index", "3");
        MultipartBody body = MultipartBody.of(fields, file, 100_001, 150_000);

        for (int slice : new int[] {1, 7, 16 * 1024, 1 << 20}) {
            byte[] sent = readAll(body.open(), slice);
            String boundary = body.contentType().substring("multipart/form-data; boundary=".length());
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n3\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"media\"\r\nContent-Type:"
                    + " application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            assertThat(sent).hasSize((int) body.length());
            assertThat(Arrays.copyOfRange(sent, 0, head.length)).isEqualTo(head);
            assertThat(body.mediaStart()).isEqualTo(head.length);
            assertThat(Arrays.copyOfRange(sent, (int) body.mediaStart(), (int) body.mediaEnd()))
                    .isEqualTo(Arrays.copyOfRange(content, 100_001, 250_001));
            assertThat(Arrays.copyOfRange(sent, (int) body.mediaEnd(), sent.length)).isEqualTo(tail);
        }
    }

    @Test
    void each_open_is_a_fresh_pass_so_a_request_can_be_sent_again() throws IOException {
        Path file = Files.write(dir.resolve("a.gif"), "GIF89a-and-more".getBytes(StandardCharsets.US_ASCII));
        MultipartBody body = MultipartBody.of(Map.of(), file, 0, 15);
        assertThat(readAll(body.open(), 4)).isEqualTo(readAll(body.open(), 4096));
    }

    @Test
    void a_file_already_shorter_than_the_range_is_refused_before_any_request() throws IOException {
        Path file = Files.write(dir.resolve("short.mp4"), new byte[1000]);
        assertThatThrownBy(() -> MultipartBody.of(Map.of(), file, 500, 600))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("short.mp4 ended at byte 1000, before byte 1100")
                .hasMessageContaining("changed since it was inspected");
    }

    @Test
    void a_file_cut_short_while_it_is_being_sent_fails_the_read_naming_the_file() throws IOException {
        Path file = Files.write(dir.resolve("shrinking.mp4"), new byte[200_000]);
        MultipartBody body = MultipartBody.of(Map.of("segment_index", "0"), file, 0, 200_000);
        try (InputStream in = body.open()) {
            in.readNBytes(1000);
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(50_000);
            }
            assertThatThrownBy(() -> in.readNBytes(300_000))
                    .isInstanceOf(MultipartBody.FileChangedException.class)
                    .hasMessageContaining("shrinking.mp4 ended at byte 50000, before byte 200000");
        }
    }

    @Test
    void a_missing_file_is_named() {
        assertThatThrownBy(() -> MultipartBody.of(Map.of(), dir.resolve("gone.mp4"), 0, 10))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not read gone.mp4");
    }

    private static byte[] readAll(InputStream in, int slice) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[slice];
            for (int n; (n = in.read(buffer, 0, slice)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
