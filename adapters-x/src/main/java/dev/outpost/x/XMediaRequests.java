package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * X's v2 media requests, one method one request, for the account the access names: the one-shot upload, INIT
 * (JSON), APPEND (multipart, one segment read from the file as it is sent), FINALIZE, STATUS and the alt text. Retries,
 * credentials and waits are the caller's. Failures are {@link PlatformException}s from {@link XErrorDecoder}.
 * Thread-safe.
 */
final class XMediaRequests {
    /** X's media ids live 24 h unless it says otherwise (FACTS §3). */
    private static final long DEFAULT_TTL_SECONDS = 86_400;

    private final XMediaApi api;
    private final Clock clock;

    XMediaRequests(XFeign feign, Clock clock) {
        this.api = feign.client(XMediaApi.class);
        this.clock = clock;
    }

    /**
     * What FINALIZE, STATUS and the one-shot upload answer.
     *
     * @param media the id, with the expiry X gave
     * @param status where processing stands; succeeded when X sent no {@code processing_info}
     * @param size the bytes X holds, or -1 when it did not say
     */
    record Answer(RemoteMedia media, ProcessingStatus status, long size) {
    }

    Answer upload(AccountAccess access, MediaFile file) {
        MultipartBody body = MultipartBody.of(Map.of("media_category", category(file)), file.path(), 0, file.size());
        JsonNode media = XJson.data(XHttpClient.sending(body,
                () -> XErrorDecoder.call(() -> api.upload(bearer(access), body))));
        return answer(media, null, "POST /2/media/upload");
    }

    RemoteMedia initialize(AccountAccess access, MediaFile file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_bytes", file.size());
        body.put("media_type", file.type().mimeType());
        body.put("media_category", category(file));
        JsonNode media = XJson.data(XErrorDecoder.call(() -> api.initialize(bearer(access), body)));
        return remoteMedia(media, null, "POST /2/media/upload/initialize");
    }

    /** Sends one segment; the bytes are read from the file while they are sent, afresh at every call. */
    void append(AccountAccess access, String mediaId, Segment segment, MediaFile file) {
        MultipartBody body = MultipartBody.of(Map.of("segment_index", Integer.toString(segment.index())),
                file.path(), segment.offset(), segment.length());
        XHttpClient.sending(body, () -> {
            XErrorDecoder.run(() -> api.append(bearer(access), mediaId, body));
            return null;
        });
    }

    Answer finalizeUpload(AccountAccess access, String mediaId) {
        return answer(XJson.data(XErrorDecoder.call(() -> api.finalizeUpload(bearer(access), mediaId))), mediaId,
                "POST /2/media/upload/" + mediaId + "/finalize");
    }

    Answer status(AccountAccess access, String mediaId) {
        return answer(XJson.data(XErrorDecoder.call(() -> api.status(bearer(access), mediaId))), mediaId,
                "GET /2/media/upload?command=STATUS");
    }

    void describe(AccountAccess access, String mediaId, String altText) {
        Map<String, Object> body = Map.of("id", mediaId, "metadata", Map.of("alt_text", Map.of("text", altText)));
        XErrorDecoder.call(() -> api.metadata(bearer(access), body));
    }

    static String category(MediaFile file) {
        return switch (file.kind()) {
            case IMAGE -> "tweet_image";
            case GIF -> "tweet_gif";
            case VIDEO -> "tweet_video";
        };
    }

    private Answer answer(JsonNode media, String knownId, String call) {
        long size = media.path("size").canConvertToLong() ? media.path("size").asLong() : -1;
        return new Answer(remoteMedia(media, knownId, call), processing(media), size);
    }

    private RemoteMedia remoteMedia(JsonNode media, String knownId, String call) {
        String id = XJson.text(media, "id");
        if (id == null || id.isBlank()) {
            id = XJson.text(media, "media_id_string");
        }
        if (id == null || id.isBlank()) {
            id = knownId;
        }
        if (id == null || id.isBlank()) {
            throw new PlatformException.Transient("X's answer to " + call + " carries no media id", null);
        }
        long ttl = media.path("expires_after_secs").asLong(DEFAULT_TTL_SECONDS);
        return new RemoteMedia(id, clock.instant().plusSeconds(ttl > 0 ? ttl : DEFAULT_TTL_SECONDS));
    }

    /** No {@code processing_info} means nothing is left to do (images, and media X already processed). */
    static ProcessingStatus processing(JsonNode media) {
        JsonNode info = media.path("processing_info");
        if (!info.isObject()) {
            return ProcessingStatus.succeeded();
        }
        String state = info.path("state").asText("").toLowerCase(Locale.ROOT);
        int progress = info.has("progress_percent")
                ? Math.max(0, Math.min(100, info.path("progress_percent").asInt())) : -1;
        // Never sooner than a second, whatever X says: 0 would make a client hammer it (xurl does the same).
        Duration checkAfter = info.has("check_after_secs")
                ? Duration.ofSeconds(Math.max(1, info.path("check_after_secs").asLong(1))) : null;
        return switch (state) {
            case "succeeded" -> ProcessingStatus.succeeded();
            case "failed" -> ProcessingStatus.failed(failure(info.path("error")));
            case "in_progress" -> new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, checkAfter, progress, null);
            // "pending", and any state X may add later: keep polling, never early.
            default -> new ProcessingStatus(ProcessingStatus.State.PENDING, checkAfter, progress, null);
        };
    }

    private static String failure(JsonNode error) {
        String message = XJson.text(error, "message");
        String name = XJson.text(error, "name");
        if (message == null && name == null) {
            return "X could not process the media";
        }
        return "X could not process the media: " + (name == null ? "" : name + ": ")
                + (message == null ? "" : message);
    }

    private static String bearer(AccountAccess access) {
        return "Bearer " + access.accessToken();
    }
}
