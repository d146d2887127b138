package dev.outpost.domain.post;

import java.net.URI;
import java.util.Objects;

/**
 * A post as it stands on its platform once published.
 *
 * @param id the platform's id of the post
 * @param url where people see it; null when the platform gave none
 * @param replyRef what a reply to this post must name, opaque to the core (an id, or a URI and a content hash);
 *     the post's id when the platform needs no more
 */
public record RemotePost(String id, URI url, String replyRef) {
    public RemotePost {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a post id must not be blank");
        }
        replyRef = replyRef == null || replyRef.isBlank() ? id : replyRef;
    }
}
