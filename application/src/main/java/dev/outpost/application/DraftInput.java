package dev.outpost.application;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post as the user typed it, before its files are inspected.
 *
 * @param text the text
 * @param media files with their alt text, in order
 * @param replyToPostId the platform's id of the post to answer, or null
 * @param scheduledAt when to publish, or null for now
 */
public record DraftInput(String text, List<Attachment> media, String replyToPostId, Instant scheduledAt) {
    public DraftInput {
        text = text == null ? "" : text;
        media = List.copyOf(Objects.requireNonNull(media, "media"));
    }

    /** A file and its alt text (null for none). */
    public record Attachment(Path file, String altText) {
        public Attachment {
            Objects.requireNonNull(file, "file");
        }
    }
}
