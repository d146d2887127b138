package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reply names (FACTS §4): its thread's first post ({@code root}) and the post it answers ({@code parent}), each
 * as a strong reference, URI and content id. As {@link dev.outpost.domain.post.RemotePost#replyRef()} it is what a
 * reply TO that post needs: the post's own root, and the post itself as parent.
 */
record ReplyRef(StrongRef root, StrongRef parent) {
    ReplyRef {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(parent, "parent");
    }

    /** A record by URI and content id. */
    record StrongRef(String uri, String cid) {
        StrongRef {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(cid, "cid");
        }

        ObjectNode json() {
            return Xrpc.JSON.createObjectNode().put("uri", uri).put("cid", cid);
        }

        static Optional<StrongRef> of(JsonNode node) {
            String uri = node.path("uri").asText("");
            String cid = node.path("cid").asText("");
            return uri.startsWith("at://") && !cid.isEmpty() ? Optional.of(new StrongRef(uri, cid)) : Optional.empty();
        }
    }

    /** A reply to the record at {@code uri} with {@code cid}, whose own {@code reply} field is {@code itsReply}. */
    static ReplyRef to(String uri, String cid, JsonNode itsReply) {
        StrongRef self = new StrongRef(uri, cid);
        return new ReplyRef(StrongRef.of(itsReply.path("root")).orElse(self), self);
    }

    ObjectNode json() {
        ObjectNode node = Xrpc.JSON.createObjectNode();
        node.set("root", root.json());
        node.set("parent", parent.json());
        return node;
    }

    String encode() {
        return json().toString();
    }

    /** The reply reference this plugin wrote, or empty for anything else (a link the user typed). */
    static Optional<ReplyRef> decode(String value) {
        if (!value.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = Xrpc.JSON.readTree(value);
            Optional<StrongRef> root = StrongRef.of(node.path("root"));
            Optional<StrongRef> parent = StrongRef.of(node.path("parent"));
            return root.isPresent() && parent.isPresent() ? Optional.of(new ReplyRef(root.get(), parent.get()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
