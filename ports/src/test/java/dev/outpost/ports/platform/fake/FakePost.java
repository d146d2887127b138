package dev.outpost.ports.platform.fake;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post as a fake platform holds it, the same for every shape, for tests to inspect what was posted.
 *
 * @param id the platform's id of the post, as the plugin's {@code RemotePost.id()} gives it
 * @param author the platform's user id of its author
 * @param text the text as stored (a shape may add to it, as X adds a media link)
 * @param media the platform's ids of its media, in order
 * @param altTexts each attachment's alt text, null for none
 * @param inReplyTo the id of the post it answers, or null
 * @param root the id of its thread's first post (itself when it answers nothing)
 * @param key the idempotency key it was created with, or null when the platform takes none
 * @param options the options it carries (visibility, content warning, languages)
 * @param createdAt the fake clock's time of creation
 * @param url where people see it
 */
public record FakePost(String id, String author, String text, List<String> media, List<String> altTexts,
        String inReplyTo, String root, String key, Map<String, String> options, Instant createdAt, URI url) {
    public FakePost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        media = List.copyOf(media);
        altTexts = Collections.unmodifiableList(new ArrayList<>(altTexts));
        options = Map.copyOf(options);
    }
}
