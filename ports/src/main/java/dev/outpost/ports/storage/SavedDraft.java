package dev.outpost.ports.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A draft the user saved to come back to, as the web app wrote it.
 *
 * @param id the draft's id
 * @param title its first line of text, for lists (may be empty)
 * @param content opaque to the core (the web app's JSON); at most {@link #MAX_CONTENT_BYTES} bytes of UTF-8
 * @param updatedAt when it was last saved
 */
public record SavedDraft(String id, String title, String content, Instant updatedAt) {
    /** The largest content a draft may hold. */
    public static final int MAX_CONTENT_BYTES = 1024 * 1024;

    public SavedDraft {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a saved draft's id must not be blank");
        }
        title = title == null ? "" : title;
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
