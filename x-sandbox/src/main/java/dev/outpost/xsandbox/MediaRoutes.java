package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** X's media endpoints: one-shot upload, INIT/APPEND/FINALIZE, STATUS and alt text (FACTS §1–§3). */
final class MediaRoutes {
    private static final Set<String> INIT_CATEGORIES = Set.of("amplify_video", "tweet_gif", "tweet_image", "tweet_video",
            "dm_gif", "dm_image", "dm_video", "subtitles");
    private static final Set<String> UPLOAD_CATEGORIES = Set.of("tweet_image", "tweet_video", "tweet_gif", "dm_image",
            "dm_video", "dm_gif", "subtitles");
    private static final Set<String> MEDIA_TYPES = Set.of("video/mp4", "video/webm", "video/mp2t", "video/quicktime",
            "text/srt", "text/vtt", "image/jpeg", "image/gif", "image/bmp", "image/png", "image/webp", "image/pjpeg",
            "image/tiff", "model/gltf-binary", "model/vnd.usdz+zip");
    private static final long MAX_VIDEO_BYTES = 512L * 1024 * 1024;
    private static final int MAX_ALT_TEXT = 1000;

    private final SandboxRuntime runtime;
    private final MediaLibrary library;
    private final UploadBodies bodies;

    MediaRoutes(SandboxRuntime runtime) {
        this.runtime = runtime;
        this.library = runtime.media;
        this.bodies = new UploadBodies(runtime.media);
    }

    void upload(Call call) throws IOException {
        runtime.requireScopes(call, "media.write");
        Map<String, String> fields = new LinkedHashMap<>();
        String pendingId = "upload";
        MediaItem.Segment bytes = bodies.read(call, pendingId, MAX_VIDEO_BYTES, fields);
        try {
            if (bytes == null) {
                throw ApiProblem.invalidRequest("The `media` field is required.");
            }
            String category = fields.get("media_category");
            if (category == null || !UPLOAD_CATEGORIES.contains(category)) {
                throw ApiProblem.invalidRequest("`media_category` must be one of " + UPLOAD_CATEGORIES + ".");
            }
            checkSize(category, bytes.size());
            Set<String> owners = new HashSet<>();
            String additional = fields.get("additional_owners");
            if (additional != null && !additional.isBlank()) {
                owners.addAll(List.of(additional.replaceAll("[\\[\\]\" ]", "").split(",")));
            }
            Instant now = runtime.now();
            MediaItem item = library.create(call.userId(), owners, category, fields.get("media_type"), bytes.size(), now);
            library.putSegment(item, new MediaItem.Segment(0, bytes.size(), bytes.sha256(), bytes.file()));
            bytes = null;
            library.finalizeUpload(item, now, runtime.faults.takeProcessingFailure() && item.needsProcessing);
            call.json(200, Json.object("data", mediaData(item, now, true)));
        } finally {
            if (bytes != null) {
                java.nio.file.Files.deleteIfExists(bytes.file());
            }
        }
    }

    void initialize(Call call) {
        runtime.requireScopes(call, "media.write");
        JsonNode body = call.jsonBody();
        JsonNode total = body.get("total_bytes");
        if (total == null || !total.canConvertToLong() || total.asLong() < 0) {
            throw ApiProblem.invalidRequest("`total_bytes` is required and must be a non-negative integer.");
        }
        String mediaType = text(body, "media_type");
        if (mediaType == null || !MEDIA_TYPES.contains(mediaType)) {
            throw ApiProblem.invalidRequest("`media_type` must be one of " + MEDIA_TYPES + ".");
        }
        String category = text(body, "media_category");
        if (category != null && !INIT_CATEGORIES.contains(category)) {
            throw ApiProblem.invalidRequest("`media_category` must be one of " + INIT_CATEGORIES + ".");
        }
        if (category == null) {
            category = mediaType.startsWith("video/") ? "tweet_video" : "tweet_image";
        }
        checkSize(category, total.asLong());
        Set<String> owners = new HashSet<>();
        JsonNode additional = body.get("additional_owners");
        if (additional != null && additional.isArray()) {
            additional.forEach(n -> owners.add(n.asText()));
        }
        Instant now = runtime.now();
        MediaItem item = library.create(call.userId(), owners, category, mediaType, total.asLong(), now);
        call.json(200, Json.object("data", Json.object("id", item.id, "media_key", item.mediaKey(),
                "expires_after_secs", secondsLeft(item, now))));
    }

    void append(Call call) throws IOException {
        runtime.requireScopes(call, "media.write");
        MediaItem item = ownedUpload(call, call.ctx.pathParam("id"));
        Map<String, String> fields = new LinkedHashMap<>();
        MediaItem.Segment segment = bodies.read(call, item.id, runtime.config.maxSegmentBytes(), fields);
        try {
            if (segment == null) {
                throw ApiProblem.invalidRequest("The `media` field is required.");
            }
            int index = segmentIndex(fields.get("segment_index"));
            library.putSegment(item, new MediaItem.Segment(index, segment.size(), segment.sha256(), segment.file()));
            segment = null;
        } finally {
            if (segment != null) {
                java.nio.file.Files.deleteIfExists(segment.file());
            }
        }
        if (runtime.config.appendAnswersNoContent()) {
            call.noContent();
        } else {
            call.json(200, Json.object("data", Json.object("expires_at", item.expiresAt.getEpochSecond())));
        }
    }

    void finalizeUpload(Call call) throws IOException {
        runtime.requireScopes(call, "media.write");
        call.body().transferTo(java.io.OutputStream.nullOutputStream()); // twitter-api-v2 sends {}, xurl nothing: both fine
        MediaItem item = ownedUpload(call, call.ctx.pathParam("id"));
        Instant now = runtime.now();
        boolean alreadyFinal;
        synchronized (item) {
            alreadyFinal = item.finalized;
        }
        if (!alreadyFinal) {
            library.finalizeUpload(item, now, item.needsProcessing && runtime.faults.takeProcessingFailure());
        }
        call.json(200, Json.object("data", mediaData(item, now, !alreadyFinal)));
    }

    void status(Call call) {
        runtime.requireScopes(call, "media.write");
        String command = call.ctx.queryParam("command");
        if (command != null && !command.equals("STATUS")) {
            throw ApiProblem.invalidRequest("`command` must be STATUS.");
        }
        String mediaId = call.ctx.queryParam("media_id");
        if (mediaId == null || !mediaId.matches("[0-9]{1,19}")) {
            throw ApiProblem.invalidRequest("`media_id` is required and must be a numeric string.");
        }
        Instant now = runtime.now();
        MediaItem item = library.find(mediaId).filter(m -> m.usableBy(call.userId()) && !m.expired(now)).orElse(null);
        if (item != null) {
            MediaLibrary.settle(item, now, runtime.config.processingDuration());
        }
        // X answered "BadRequest: Not found" for media with nothing to process (FACTS §2)
        if (item == null || item.processingState(now, runtime.config.processingDuration()) == null) {
            throw ApiProblem.invalidRequest("BadRequest: Not found");
        }
        synchronized (item) {
            String state = item.processingState(now, runtime.config.processingDuration());
            boolean done = state.equals("succeeded") || state.equals("failed");
            if (!done && runtime.rejectEarlyStatusPolls() && now.isBefore(item.nextPollAllowedAt)) {
                // round up, so a client that waits until x-rate-limit-reset is never early again
                long retryAt = item.nextPollAllowedAt.getEpochSecond() + (item.nextPollAllowedAt.getNano() > 0 ? 1 : 0);
                throw ApiProblem.tooManyRequestsUntil(retryAt);
            }
        }
        call.json(200, Json.object("data", mediaData(item, now, false)));
    }

    void metadata(Call call) {
        runtime.requireScopes(call, "media.write");
        JsonNode body = call.jsonBody();
        String id = text(body, "id");
        JsonNode altText = body.path("metadata").path("alt_text").path("text");
        Instant now = runtime.now();
        MediaItem item = library.find(id).filter(m -> m.usableBy(call.userId()) && !m.expired(now)).orElse(null);
        if (item == null) {
            throw ApiProblem.invalidRequest("Media id " + id + " was not found.", Json.object("id", List.of(String.valueOf(id))));
        }
        if (!altText.isTextual()) {
            throw ApiProblem.invalidRequest("`metadata.alt_text.text` is required.");
        }
        String text = altText.asText();
        if (text.codePointCount(0, text.length()) > MAX_ALT_TEXT) {
            throw ApiProblem.invalidRequest("`metadata.alt_text.text` must be at most " + MAX_ALT_TEXT + " characters.");
        }
        synchronized (item) {
            item.altText = text;
        }
        call.json(200, Json.object("data", Json.object("id", item.id,
                "associated_metadata", Json.object("alt_text", Json.object("text", text)))));
    }

    /** The {@code data} of FINALIZE, STATUS and one-shot upload answers (FACTS §2). */
    Map<String, Object> mediaData(MediaItem item, Instant now, boolean justFinalized) {
        Duration processing = runtime.config.processingDuration();
        synchronized (item) {
            Map<String, Object> data = Json.object("id", item.id, "media_key", item.mediaKey(), "size", item.size,
                    "expires_after_secs", secondsLeft(item, now));
            String state = item.processingState(now, processing);
            int checkAfter = runtime.config.checkAfterSecs();
            if (state != null) {
                Map<String, Object> info;
                if (justFinalized) {
                    info = Json.object("state", "pending", "check_after_secs", checkAfter);
                } else {
                    long elapsed = Duration.between(item.finalizedAt, now).toMillis();
                    int progress = (int) Math.min(100, processing.isZero() ? 100 : elapsed * 100 / processing.toMillis());
                    info = switch (state) {
                        case "succeeded" -> Json.object("state", state, "progress_percent", 100);
                        case "failed" -> Json.object("state", state, "progress_percent", progress,
                                // not in the v2 spec; v1.1's shape, which clients read (FACTS §2 [U])
                                "error", Json.object("code", 1, "name", "InvalidMedia",
                                        "message", "Invalid or Unsupported media, Reason: the sandbox was told to fail processing."));
                        default -> Json.object("state", state, "check_after_secs", checkAfter, "progress_percent", progress);
                    };
                }
                if (info.containsKey("check_after_secs")) {
                    item.nextPollAllowedAt = now.plusSeconds(checkAfter);
                }
                data.put("processing_info", info);
                if ("succeeded".equals(state) && item.mediaType != null) {
                    data.put("video", Json.object("video_type", item.mediaType));
                }
            }
            if (item.image != null) {
                data.put("image", Json.object("image_type", item.image.type(), "w", item.image.width(), "h", item.image.height()));
            }
            return data;
        }
    }

    private MediaItem ownedUpload(Call call, String id) {
        Instant now = runtime.now();
        Optional<MediaItem> item = library.find(id).filter(m -> m.ownerId.equals(call.userId()));
        if (item.isEmpty()) {
            throw ApiProblem.invalidRequest("Media id " + id + " was not found.", Json.object("id", List.of(id)));
        }
        if (item.get().expired(now)) {
            throw ApiProblem.invalidRequest("Media id " + id + " has expired.", Json.object("id", List.of(id)));
        }
        return item.get();
    }

    /** 0–999, sent as a string in multipart bodies (FACTS §8). */
    private static int segmentIndex(String text) {
        try {
            int index = Integer.parseInt(text == null ? "" : text.trim());
            if (index >= 0 && index <= 999) {
                return index;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.invalidRequest("`segment_index` is required and must be an integer from 0 to 999.");
    }

    private static void checkSize(String category, long bytes) {
        long max = category.endsWith("_image") ? 5L * 1024 * 1024
                : category.endsWith("_gif") ? 15L * 1024 * 1024
                : MAX_VIDEO_BYTES;
        if (bytes > max) {
            throw ApiProblem.invalidRequest("The media is " + bytes + " bytes; " + category + " allows at most " + max + ".");
        }
    }

    private static long secondsLeft(MediaItem item, Instant now) {
        return Math.max(0, Duration.between(now, item.expiresAt).getSeconds());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
