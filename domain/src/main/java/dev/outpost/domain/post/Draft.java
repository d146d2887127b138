package dev.outpost.domain.post;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the user wants to post. A draft holds anything the user typed; {@link DraftValidator} says what is wrong
 * with it, all at once, before anything is uploaded.
 *
 * @param text may be empty when media is attached
 * @param media in the order they should appear
 * @param replyToPostId the platform's id of the post this replies to, or null
 * @param scheduledAt when to publish, or null for now
 */
public record Draft(String text, List<MediaAttachment> media, String replyToPostId, Instant scheduledAt) {
    public Draft {
        text = text == null ? "" : text;
        media = List.copyOf(Objects.requireNonNull(media, "media"));
        replyToPostId = replyToPostId == null || replyToPostId.isBlank() ? null : replyToPostId.trim();
    }

    public static Draft of(String text, List<MediaAttachment> media) {
        return new Draft(text, media, null, null);
    }
}
