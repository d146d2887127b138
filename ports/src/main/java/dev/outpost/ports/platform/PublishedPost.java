package dev.outpost.ports.platform;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post as the platform has it.
 *
 * @param id the platform's post id
 * @param text the text as stored (a platform may append media links)
 * @param mediaIds the media ids attached, when the platform says; may be empty
 * @param createdAt when the platform created it, or null when it did not say
 * @param url where people see it
 */
public record PublishedPost(String id, String text, List<String> mediaIds, Instant createdAt, URI url) {
    public PublishedPost {
        Objects.requireNonNull(id, "id");
        text = text == null ? "" : text;
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
        Objects.requireNonNull(url, "url");
    }
}
