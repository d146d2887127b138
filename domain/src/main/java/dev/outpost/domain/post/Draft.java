package dev.outpost.domain.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the user wants to post. A draft holds anything the user typed; {@link DraftValidator} says what is wrong
 * with it, all at once, before anything is uploaded.
 *
 * @param text may be empty when media is attached
 * @param media in the order they should appear
 * @param replyTo what this post answers, or null: a post's id or link as the user gave it, or a reply reference an
 *     earlier publication's platform returned; only the platform's plugin reads it
 * @param scheduledAt when to publish, or null for now
 * @param options per-platform choices by key (see {@link PostOption}); empty for none
 */
public record Draft(String text, List<MediaAttachment> media, String replyTo, Instant scheduledAt,
        Map<String, String> options) {
    public Draft {
        text = text == null ? "" : text;
        media = List.copyOf(Objects.requireNonNull(media, "media"));
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.trim();
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public Draft(String text, List<MediaAttachment> media, String replyTo, Instant scheduledAt) {
        this(text, media, replyTo, scheduledAt, Map.of());
    }

    public static Draft of(String text, List<MediaAttachment> media) {
        return new Draft(text, media, null, null, Map.of());
    }
}
