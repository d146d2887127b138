package dev.outpost.application;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A post as the user typed it, before its files are inspected.
 *
 * @param text the text
 * @param media files with their alt text and focal point, in order
 * @param replyTo the post to answer (its id or link), or null
 * @param scheduledAt when to publish, or null for now
 * @param options per-platform options by key (see the account's rules), empty for none
 */
public record DraftInput(String text, List<Attachment> media, String replyTo, Instant scheduledAt,
        Map<String, String> options) {
    public DraftInput {
        text = text == null ? "" : text;
        media = List.copyOf(Objects.requireNonNull(media, "media"));
        options = options == null ? Map.of() : options.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null && !e.getValue().isBlank())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().strip()));
    }

    public DraftInput(String text, List<Attachment> media, String replyTo, Instant scheduledAt) {
        this(text, media, replyTo, scheduledAt, Map.of());
    }

    /**
     * A file, its alt text (null for none) and its focal point as the user typed it, {@code "x,y"} from -1 to 1
     * (null or blank for none; checked on submit, with the file's field named).
     */
    public record Attachment(Path file, String altText, String focus) {
        public Attachment {
            Objects.requireNonNull(file, "file");
            focus = focus == null || focus.isBlank() ? null : focus.strip();
        }

        public Attachment(Path file, String altText) {
            this(file, altText, null);
        }
    }
}
