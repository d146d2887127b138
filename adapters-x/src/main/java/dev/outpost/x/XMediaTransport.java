package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.TransferListener;
import dev.outpost.ports.platform.UploadResult;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * X's v2 media upload: images in one multipart request; videos and GIFs through INIT (JSON), APPEND (multipart, one
 * segment read from the file per request), FINALIZE and STATUS; alt text through the metadata endpoint. One call is
 * one request. Thread-safe.
 */
final class XMediaTransport implements MediaTransport {
    /** X's media ids live 24 h unless it says otherwise (FACTS §3). */
    private static final long DEFAULT_TTL_SECONDS = 86_400;

    private final XMediaApi api;
    private final Clock clock;
    private final boolean concurrentAppends;

    XMediaTransport(XFeign feign, Clock clock) {
        this.api = feign.client(XMediaApi.class);
        this.clock = clock;
        this.concurrentAppends = feign.settings().concurrentAppends();
    }

    @Override
    public boolean acceptsConcurrentAppends() {
        return concurrentAppends;
    }

    /** Images go in one request (X's "simple upload"); GIFs and videos are chunked and processed asynchronously. */
    @Override
    public boolean prefersSingleRequest(MediaFile file) {
        return file.kind() == MediaKind.IMAGE;
    }

    @Override
    public UploadResult upload(String accessToken, MediaFile file, TransferListener listener) {
        MultipartBody body = MultipartBody.of(Map.of("media_category", category(file)), file.path(), 0, file.size());
        JsonNode media = XJson.data(XHttpClient.sending(body, listener,
                () -> XErrorDecoder.call(() -> api.upload(bearer(accessToken), body))));
        return new UploadResult(remoteMedia(media, "POST /2/media/upload"), processing(media));
    }

    @Override
    public RemoteMedia initialize(String accessToken, MediaFile file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_bytes", file.size());
        body.put("media_type", file.type().mimeType());
        body.put("media_category", category(file));
        JsonNode media = XJson.data(XErrorDecoder.call(() -> api.initialize(bearer(accessToken), body)));
        return remoteMedia(media, "POST /2/media/upload/initialize");
    }

    @Override
    public void append(String accessToken, String mediaId, Segment segment, MediaFile file,
            TransferListener listener) {
        MultipartBody body = MultipartBody.of(Map.of("segment_index", Integer.toString(segment.index())),
                file.path(), segment.offset(), segment.length());
        XHttpClient.sending(body, listener, () -> {
            XErrorDecoder.run(() -> api.append(bearer(accessToken), mediaId, body));
            return null;
        });
    }

    @Override
    public ProcessingStatus finalizeUpload(String accessToken, String mediaId) {
        return processing(XJson.data(XErrorDecoder.call(() -> api.finalizeUpload(bearer(accessToken), mediaId))));
    }

    @Override
    public ProcessingStatus status(String accessToken, String mediaId) {
        return processing(XJson.data(XErrorDecoder.call(() -> api.status(bearer(accessToken), mediaId))));
    }

    @Override
    public void describe(String accessToken, String mediaId, String altText) {
        Map<String, Object> body = Map.of("id", mediaId, "metadata", Map.of("alt_text", Map.of("text", altText)));
        XErrorDecoder.call(() -> api.metadata(bearer(accessToken), body));
    }

    static String category(MediaFile file) {
        return switch (file.kind()) {
            case IMAGE -> "tweet_image";
            case GIF -> "tweet_gif";
            case VIDEO -> "tweet_video";
        };
    }

    private RemoteMedia remoteMedia(JsonNode media, String call) {
        String id = XJson.text(media, "id");
        if (id == null || id.isBlank()) {
            id = XJson.text(media, "media_id_string");
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
        // Never poll sooner than a second, whatever X says: 0 would make a client hammer it.
        Duration checkAfter = Duration.ofSeconds(Math.max(1, info.path("check_after_secs").asLong(1)));
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

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }
}
