package dev.outpost.xsandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads an upload body, multipart/form-data or JSON with base64 {@code media}, streaming the
 * media bytes to a spool file and collecting the other fields as text.
 */
final class UploadBodies {
    private final MediaLibrary library;

    UploadBodies(MediaLibrary library) {
        this.library = library;
    }

    /** The spooled {@code media}, or null when the body had none; other fields go into {@code fields}. */
    MediaItem.Segment read(Call call, String mediaId, long limit, Map<String, String> fields) throws IOException {
        return call.isJson() ? readJsonUpload(call, mediaId, limit, fields) : readMultipartUpload(call, mediaId, limit, fields);
    }

    private MediaItem.Segment readMultipartUpload(Call call, String mediaId, long limit, Map<String, String> fields) throws IOException {
        String boundary = MultipartReader.boundaryOf(call.requestContentType())
                .orElseThrow(() -> ApiProblem.invalidRequest("Expected multipart/form-data or application/json."));
        MultipartReader reader = new MultipartReader(call.body(), boundary);
        MediaItem.Segment media = null;
        try {
            for (var part = reader.next(); part.isPresent(); part = reader.next()) {
                String name = String.valueOf(part.get().name());
                call.partNames.add(name);
                if (name.equals("media") && media == null) {
                    media = library.spool(mediaId, -1, part.get().body(), limit);
                } else {
                    fields.put(name, readSmall(part.get().body()));
                    call.multipartFields.put(name, fields.get(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (media != null) {
                java.nio.file.Files.deleteIfExists(media.file());
            }
            if (e instanceof IOException io && !(e instanceof java.io.EOFException) && io.getMessage() != null
                    && io.getMessage().startsWith("multipart")) {
                throw ApiProblem.invalidRequest("Malformed multipart body: " + io.getMessage() + ".");
            }
            throw e;
        }
        return media;
    }

    /** JSON with base64 {@code media}, decoded while streaming so the bytes never sit in memory. */
    private MediaItem.Segment readJsonUpload(Call call, String mediaId, long limit, Map<String, String> fields) throws IOException {
        MediaItem.Segment media = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(call.body())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiProblem.invalidJson();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                call.partNames.add(name);
                JsonToken value = parser.nextToken();
                if (name.equals("media") && value == JsonToken.VALUE_STRING && media == null) {
                    media = library.spool(mediaId, -1, limit, out -> parser.readBinaryValue(out));
                } else if (value.isScalarValue()) {
                    fields.put(name, parser.getValueAsString());
                } else {
                    fields.put(name, Json.MAPPER.readTree(parser).toString());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (media != null) {
                java.nio.file.Files.deleteIfExists(media.file());
            }
            throw ApiProblem.invalidJson();
        }
        return media;
    }

    private static String readSmall(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            if (out.size() < 64 * 1024) {
                out.write(chunk, 0, n);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
