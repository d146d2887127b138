package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.ports.platform.PlatformException;
import java.io.IOException;
import java.util.Objects;

/**
 * Uploaded media as the publisher embeds it, and as {@link dev.outpost.ports.platform.MediaRef#value()} carries it:
 * the blob exactly as the server answered it ({@code {"$type":"blob","ref":{"$link":cid},"mimeType","size"}}) and
 * the aspect ratio read from the file, when known.
 */
record BlobRef(JsonNode blob, ImageHeader aspectRatio) {
    BlobRef {
        Objects.requireNonNull(blob, "blob");
        if (cid(blob).isEmpty()) {
            throw new IllegalArgumentException("a blob without a content id: " + blob);
        }
    }

    String cid() {
        return cid(blob);
    }

    String encode() {
        ObjectNode node = Xrpc.JSON.createObjectNode();
        node.set("blob", blob);
        if (aspectRatio != null) {
            node.putObject("aspectRatio").put("width", aspectRatio.width()).put("height", aspectRatio.height());
        }
        return node.toString();
    }

    /** @throws PlatformException.InvalidRequest for a reference that is not one of ours */
    static BlobRef decode(String value) {
        try {
            JsonNode node = Xrpc.JSON.readTree(value);
            JsonNode ratio = node.path("aspectRatio");
            return new BlobRef(node.path("blob"), ratio.isObject() ? new ImageHeader(ratio.path("width").asInt(),
                    ratio.path("height").asInt()) : null);
        } catch (IOException | RuntimeException e) {
            throw new PlatformException.InvalidRequest("invalid-media", "'" + value
                    + "' is not a Bluesky media reference");
        }
    }

    private static String cid(JsonNode blob) {
        return blob.path("ref").path("$link").asText("");
    }
}
