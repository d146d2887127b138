package dev.outpost.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The X upload's resume state as the core journals it: a small JSON object, opaque to the core. While uploading it
 * holds the media id and its expiry, the chunk size in force, the plan as runs of equal segment lengths and the
 * acknowledged segments as ranges: {@code {"v":1,"id":"188…","exp":1767225600000,"chunk":4718592,
 * "segs":[[3,4718592],[1,1572864]],"ack":"0-1,3"}}, a few hundred bytes at most for 1,000 segments. While X
 * processes the media, only the id and expiry. Stateless and thread-safe.
 */
final class ResumeState {
    private static final int VERSION = 1;

    private ResumeState() {
    }

    /**
     * A decoded checkpoint.
     *
     * @param session where the upload stands: {@link UploadSession.Appending} (complete once every segment was
     *     acknowledged, when FINALIZE may or may not have been sent) or {@link UploadSession.Processing}
     * @param chunkSize the chunk size in force, smaller than the setting after X refused a segment as too large
     */
    record Resumed(UploadSession.Unfinished session, long chunkSize) {
    }

    static String uploading(UploadSession.Appending session, long chunkSize) {
        ObjectNode json = media(session.media());
        json.put("chunk", chunkSize);
        ArrayNode runs = json.putArray("segs");
        long runLength = -1;
        int runCount = 0;
        for (Segment segment : session.plan().segments()) {
            if (segment.length() != runLength && runCount > 0) {
                runs.addArray().add(runCount).add(runLength);
                runCount = 0;
            }
            runLength = segment.length();
            runCount++;
        }
        runs.addArray().add(runCount).add(runLength);
        json.put("ack", ranges(session.acknowledged()));
        return write(json);
    }

    static String processing(RemoteMedia media) {
        return write(media(media));
    }

    /**
     * The session a checkpoint describes, for a file of {@code fileSize} bytes; empty when the state is not one this
     * plugin wrote, or not for this size (the upload then starts over, which is always safe).
     */
    static Optional<Resumed> decode(UploadCheckpoint.Phase phase, String state, long fileSize) {
        try {
            JsonNode json = XJson.MAPPER.readTree(state);
            if (json == null || json.path("v").asInt() != VERSION || !json.path("id").isTextual()
                    || !json.path("exp").canConvertToLong()) {
                return Optional.empty();
            }
            RemoteMedia media = new RemoteMedia(json.get("id").asText(),
                    Instant.ofEpochMilli(json.get("exp").asLong()));
            if (phase == UploadCheckpoint.Phase.PROCESSING) {
                return Optional.of(new Resumed(new UploadSession.Processing(media, ProcessingStatus.pending(null)),
                        ChunkPlan.DEFAULT_CHUNK_SIZE));
            }
            if (phase != UploadCheckpoint.Phase.UPLOADING) {
                return Optional.empty();
            }
            List<Long> lengths = new ArrayList<>();
            for (JsonNode run : json.path("segs")) {
                int count = run.path(0).asInt();
                long length = run.path(1).asLong();
                if (count < 1 || lengths.size() + count > ChunkPlan.MAX_SEGMENTS) {
                    return Optional.empty();
                }
                for (int i = 0; i < count; i++) {
                    lengths.add(length);
                }
            }
            ChunkPlan plan = ChunkPlan.ofLengths(fileSize, lengths);
            long chunk = json.path("chunk").asLong(plan.chunkSize());
            return Optional.of(new Resumed(new UploadSession.Appending(media, plan,
                    indexes(json.path("ack").asText(""))), chunk > 0 ? chunk : plan.chunkSize()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode media(RemoteMedia media) {
        ObjectNode json = XJson.MAPPER.createObjectNode();
        json.put("v", VERSION);
        json.put("id", media.mediaId());
        json.put("exp", media.expiresAt().toEpochMilli());
        return json;
    }

    /** Ascending indexes as "0-3,5,7-9". */
    static String ranges(List<Integer> ascending) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ascending.size(); i++) {
            int start = ascending.get(i);
            int end = start;
            while (i + 1 < ascending.size() && ascending.get(i + 1) == end + 1) {
                end = ascending.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
        }
        return out.toString();
    }

    /** The indexes of "0-3,5,7-9". */
    static List<Integer> indexes(String ranges) {
        List<Integer> out = new ArrayList<>();
        if (ranges.isBlank()) {
            return out;
        }
        for (String part : ranges.split(",")) {
            int dash = part.indexOf('-');
            int start = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).strip());
            int end = dash < 0 ? start : Integer.parseInt(part.substring(dash + 1).strip());
            if (start < 0 || end < start || end >= ChunkPlan.MAX_SEGMENTS) {
                throw new IllegalArgumentException("not a range of segment indexes: " + part);
            }
            for (int i = start; i <= end; i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static String write(ObjectNode json) {
        try {
            return XJson.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings always writes", e);
        }
    }
}
