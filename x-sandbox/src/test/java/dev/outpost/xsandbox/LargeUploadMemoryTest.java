package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 512 MiB video goes through a sandbox whose JVM has a 64 MiB heap, in four 128 MiB segments
 * (each twice the heap), streamed by the client without holding them either. If the sandbox
 * buffered a segment it would die of OutOfMemoryError (-XX:+ExitOnOutOfMemoryError).
 */
class LargeUploadMemoryTest {
    private static final long TOTAL = 512L * 1024 * 1024;
    private static final long SEGMENT = 128L * 1024 * 1024;
    private static final int BLOCK = 64 * 1024;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a512MiBUploadFitsIn64MiBOfHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(),
                "--port", "0", "--max-segment-bytes", Long.toString(SEGMENT))
                .redirectErrorStream(true).start();
        try {
            String baseUrl = awaitBaseUrl(process);
            HttpResponse<String> tokens = post(baseUrl + "/__sandbox/tokens", "application/json", null, bytes("{}"));
            String token = SandboxHttp.json(tokens).get("access_token").asText();

            HttpResponse<String> init = post(baseUrl + "/2/media/upload/initialize", "application/json", token,
                    bytes("{\"total_bytes\":" + TOTAL + ",\"media_type\":\"video/mp4\",\"media_category\":\"amplify_video\"}"));
            String id = SandboxHttp.json(init).at("/data/id").asText();

            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            for (int index = 0; index * SEGMENT < TOTAL; index++) {
                String boundary = "memory-test-boundary-" + index;
                long offset = index * SEGMENT;
                InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                        new ByteArrayInputStream(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n"
                                + index + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")),
                        new GeneratedBytes(offset, SEGMENT, expected),
                        new ByteArrayInputStream(bytes("\r\n--" + boundary + "--\r\n")))));
                HttpRequest append = HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/2/media/upload/" + id + "/append"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
                HttpResponse<String> appended = new SandboxHttp.Plain().client.send(append, HttpResponse.BodyHandlers.ofString());
                assertThat(appended.statusCode()).as("segment %d: %s", index, appended.body()).isEqualTo(204);
            }
            HttpResponse<String> finalized = post(baseUrl + "/2/media/upload/" + id + "/finalize", "application/json", token, bytes("{}"));
            assertThat(finalized.statusCode()).as(finalized.body()).isEqualTo(200);
            assertThat(SandboxHttp.json(finalized).at("/data/size").asLong()).isEqualTo(TOTAL);

            JsonNode state = SandboxHttp.json(new SandboxHttp.Plain().get(baseUrl + "/__sandbox/state"));
            assertThat(state.at("/media/0/sha256").asText()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String awaitBaseUrl(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("the forked sandbox exited before listening");
    }

    private static HttpResponse<String> post(String url, String contentType, String token, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new SandboxHttp.Plain().client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Deterministic bytes made on the fly (a random block stamped with its position), hashed as they are read. */
    private static final class GeneratedBytes extends InputStream {
        private static final byte[] PATTERN = new byte[BLOCK];

        static {
            new Random(42).nextBytes(PATTERN);
        }

        private final long end;
        private final MessageDigest digest;
        private long position;

        GeneratedBytes(long offset, long length, MessageDigest digest) {
            this.position = offset;
            this.end = offset + length;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= end) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - inBlock), end - position);
            System.arraycopy(PATTERN, inBlock, b, off, n);
            long block = position / BLOCK;
            for (int i = 0; i < n && inBlock + i < 8; i++) {
                b[off + i] = (byte) (block >>> (8 * (inBlock + i)));
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }
}
