package dev.outpost.xsandbox;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartReaderTest {

    /** Whatever the bytes and however the network slices them, each part comes back whole. */
    @Property(tries = 200)
    void partsSurviveAnySlicing(@ForAll @Size(max = 3) List<byte[]> payloads, @ForAll @IntRange(min = 1, max = 9000) int maxRead,
                                @ForAll long seed) throws IOException {
        SandboxHttp.Multipart body = new SandboxHttp.Multipart().field("segment_index", "7");
        for (int i = 0; i < payloads.size(); i++) {
            body.file("media" + i, i % 2 == 0 ? null : "f" + i, payloads.get(i));
        }
        String boundary = body.contentType().substring(body.contentType().indexOf('=') + 1);
        MultipartReader reader = new MultipartReader(new Slicing(body.bytes(), maxRead, seed), boundary);

        List<byte[]> seen = new ArrayList<>();
        MultipartReader.Part first = reader.next().orElseThrow();
        assertThat(first.name()).isEqualTo("segment_index");
        assertThat(new String(first.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("7");
        for (var part = reader.next(); part.isPresent(); part = reader.next()) {
            seen.add(part.get().body().readAllBytes());
        }
        assertThat(seen).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(payloads.get(i));
        }
    }

    @Property(tries = 50)
    void aPartThatLooksLikeABoundaryPrefixIsKept(@ForAll @IntRange(min = 1, max = 64) int maxRead) throws IOException {
        SandboxHttp.Multipart body = new SandboxHttp.Multipart();
        String boundary = body.contentType().substring(body.contentType().indexOf('=') + 1);
        byte[] tricky = ("\r\n--" + boundary.substring(0, boundary.length() - 1) + "X\r\n--").getBytes(StandardCharsets.ISO_8859_1);
        body.file("media", null, tricky);
        MultipartReader reader = new MultipartReader(new Slicing(body.bytes(), maxRead, 1), boundary);
        assertThat(reader.next().orElseThrow().body().readAllBytes()).isEqualTo(tricky);
        assertThat(reader.next()).isEmpty();
    }

    /** Hands out the bytes in random small reads, as a socket does. */
    private static final class Slicing extends InputStream {
        private final ByteArrayInputStream in;
        private final int maxRead;
        private final Random random;

        Slicing(byte[] bytes, int maxRead, long seed) {
            this.in = new ByteArrayInputStream(bytes);
            this.maxRead = maxRead;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
        }
    }
}
