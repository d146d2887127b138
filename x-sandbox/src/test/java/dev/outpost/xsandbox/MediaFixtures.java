package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Media helpers shared by the tests: fake image bytes and the chunked-upload calls. */
final class MediaFixtures {
    private MediaFixtures() {
    }

    /** Enough of a PNG for X (and the sandbox) to read its type and size. */
    static byte[] png(int width, int height, int totalSize) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(totalSize, 33));
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height);
        return b.array();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String initialize(SandboxHttp http, long totalBytes, String mediaType, String category) {
        HttpResponse<String> response = http.postJson("/2/media/upload/initialize",
                "{\"total_bytes\":" + totalBytes + ",\"media_type\":\"" + mediaType + "\""
                        + (category == null ? "" : ",\"media_category\":\"" + category + "\"") + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxHttp.json(response).at("/data/id").asText();
    }

    static HttpResponse<String> append(SandboxHttp http, String id, int index, byte[] bytes) {
        return http.postMultipart("/2/media/upload/" + id + "/append",
                new SandboxHttp.Multipart().field("segment_index", Integer.toString(index)).file("media", null, bytes));
    }

    static HttpResponse<String> finalizeUpload(SandboxHttp http, String id) {
        return http.postJson("/2/media/upload/" + id + "/finalize", "{}");
    }

    /** INIT, APPEND in 1 MiB segments, FINALIZE: the id of the finished upload. */
    static String uploadChunked(SandboxHttp http, byte[] bytes, String mediaType, String category) {
        String id = initialize(http, bytes.length, mediaType, category);
        int segment = 1024 * 1024;
        for (int i = 0, index = 0; i < bytes.length; i += segment, index++) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + segment));
            assertThat(append(http, id, index, part).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> finalized = finalizeUpload(http, id);
        assertThat(finalized.statusCode()).as(finalized.body()).isEqualTo(200);
        return id;
    }

    static JsonNode status(SandboxHttp http, String id) {
        return SandboxHttp.json(http.get("/2/media/upload?command=STATUS&media_id=" + id));
    }
}
