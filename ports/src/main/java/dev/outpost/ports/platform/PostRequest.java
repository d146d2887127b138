package dev.outpost.ports.platform;

import dev.outpost.domain.media.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post as sent to the platform.
 *
 * @param text the text, possibly empty when media is attached
 * @param media the uploaded media in order, with their alt text
 * @param replyTo what the post answers, or null: an id or link the user gave, or the {@code replyRef} of a post this
 *     plugin published (see {@link dev.outpost.domain.post.RemotePost})
 * @param idempotencyKey chosen before the first attempt (by {@link PostPublisher#newIdempotencyKey}) and the same on
 *     every attempt
 * @param options the per-platform options the user chose, validated against the platform's rules
 */
public record PostRequest(String text, List<Media> media, String replyTo, String idempotencyKey,
        Map<String, String> options) {
    public PostRequest {
        Objects.requireNonNull(text, "text");
        media = List.copyOf(media);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        options = Map.copyOf(options);
    }

    /** The media references, in order. */
    public List<String> mediaRefs() {
        return media.stream().map(Media::ref).toList();
    }

    /**
     * One attachment.
     *
     * @param ref the {@link MediaRef#value()} the transport returned
     * @param type the file's media type
     * @param altText null for none
     */
    public record Media(String ref, MediaType type, String altText) {
        public Media {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(type, "type");
            altText = altText == null || altText.isBlank() ? null : altText;
        }
    }
}
