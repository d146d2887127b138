package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.BreakIterator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lexicon checks the PDS makes of an {@code app.bsky.feed.post} record (FACTS §3–4): text of at most 300
 * graphemes and 3,000 bytes, a creation time, at most 4 images of at most 2,000,000 bytes each, a video as MP4, and
 * replies naming root and parent by URI and content id. Messages follow the real server's.
 */
final class Records {
    static final String POST = "app.bsky.feed.post";

    private Records() {
    }

    static void validatePost(JsonNode record) {
        JsonNode text = record.path("text");
        if (!text.isTextual()) {
            throw XrpcError.invalid("Invalid app.bsky.feed.post record: Record must have the property \"text\"");
        }
        int graphemes = graphemes(text.asText());
        if (graphemes > 300) {
            throw XrpcError.invalid("Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got "
                    + graphemes + ") at $.record.text");
        }
        int bytes = text.asText().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 3000) {
            throw XrpcError.invalid("Invalid app.bsky.feed.post record: string too long (maximum 3000, got " + bytes
                    + ") at $.record.text");
        }
        if (!record.path("createdAt").isTextual()) {
            throw XrpcError.invalid("Invalid app.bsky.feed.post record: Record must have the property "
                    + "\"createdAt\"");
        }
        JsonNode embed = record.path("embed");
        String type = embed.path("$type").asText("");
        if (type.equals("app.bsky.embed.images")) {
            JsonNode images = embed.path("images");
            if (images.size() > 4) {
                throw XrpcError.invalid("Invalid app.bsky.feed.post record: Array is too long (maximum 4, got "
                        + images.size() + ") at $.record.embed.images");
            }
            for (JsonNode image : images) {
                JsonNode blob = image.path("image");
                if (!image.path("alt").isTextual()) {
                    throw XrpcError.invalid("Invalid app.bsky.feed.post record: Record/embed/images/0 must have the "
                            + "property \"alt\"");
                }
                if (!blob.path("mimeType").asText("").startsWith("image/")) {
                    throw XrpcError.invalid("Invalid app.bsky.feed.post record: Wrong blob type at "
                            + "$.record.embed.images.image");
                }
                if (blob.path("size").asLong() > 2_000_000) {
                    throw XrpcError.invalid("Invalid app.bsky.feed.post record: This file is too large. It is "
                            + blob.path("size").asLong() + " but the maximum size is 2000000 bytes.");
                }
            }
        } else if (type.equals("app.bsky.embed.video")) {
            if (!embed.path("video").path("mimeType").asText("").equals("video/mp4")) {
                throw XrpcError.invalid("Invalid app.bsky.feed.post record: Wrong blob type at "
                        + "$.record.embed.video");
            }
        }
        JsonNode reply = record.path("reply");
        if (!reply.isMissingNode()) {
            for (String side : List.of("root", "parent")) {
                if (!reply.path(side).path("uri").isTextual() || !reply.path(side).path("cid").isTextual()) {
                    throw XrpcError.invalid("Invalid app.bsky.feed.post record: Record/reply/" + side
                            + " must have the properties \"uri\" and \"cid\"");
                }
            }
        }
    }

    /** The content ids of every blob a record names, wherever in it. */
    static List<String> blobCids(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            if ("blob".equals(node.path("$type").asText()) && node.path("ref").path("$link").isTextual()) {
                out.add(node.path("ref").path("$link").asText());
                return;
            }
            node.elements().forEachRemaining(child -> collect(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }

    static int graphemes(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
