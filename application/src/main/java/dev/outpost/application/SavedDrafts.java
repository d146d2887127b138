package dev.outpost.application;

import dev.outpost.ports.storage.SavedDraft;
import dev.outpost.ports.storage.SavedDraftStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Drafts kept on the server as the user types, listed and reopened later. */
public final class SavedDrafts {
    private static final int MAX_TITLE_LENGTH = 200;
    private static final int MAX_ID_LENGTH = 300;

    private final Supplier<SavedDraftStore> store;
    private final Clock clock;

    SavedDrafts(Supplier<SavedDraftStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Saves a draft.
     *
     * @param id the draft to replace, or null for a new one
     * @param title its first line of text, for lists
     * @param content the compose form as the app wrote it (opaque), at most 1 MB
     * @throws OutpostException INVALID_INPUT (field {@code content}) when the content is missing or too large
     */
    public SavedDraft save(String id, String title, String content) {
        if (content == null) {
            throw OutpostException.invalid("content", "the draft has no content");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SavedDraft.MAX_CONTENT_BYTES) {
            throw OutpostException.invalid("content", "the draft is " + bytes + " bytes, over the limit of "
                    + SavedDraft.MAX_CONTENT_BYTES + " (1 MB); attach media as files instead of pasting them");
        }
        String key = id == null || id.isBlank() ? UUID.randomUUID().toString() : id.strip();
        if (key.length() > MAX_ID_LENGTH) {
            throw OutpostException.invalid("id", "a draft id is at most " + MAX_ID_LENGTH + " characters");
        }
        return store.get().save(new SavedDraft(key, title(title), content, clock.instant()));
    }

    public Optional<SavedDraft> find(String id) {
        return id == null || id.isBlank() ? Optional.empty() : store.get().find(id.strip());
    }

    /** Newest first. @throws OutpostException INVALID_INPUT (field {@code limit}) when limit is not positive */
    public List<SavedDraft> list(int limit) {
        if (limit < 1) {
            throw OutpostException.invalid("limit", "the number of drafts to list must be positive");
        }
        return store.get().list(limit);
    }

    /** Removes a draft; nothing happens when there is none. */
    public void delete(String id) {
        if (id != null && !id.isBlank()) {
            store.get().delete(id.strip());
        }
    }

    /** The first line of the title given, cut to fit a list. */
    private static String title(String title) {
        if (title == null) {
            return "";
        }
        String first = title.strip().lines().findFirst().orElse("").strip();
        if (first.codePointCount(0, first.length()) <= MAX_TITLE_LENGTH) {
            return first;
        }
        return first.substring(0, first.offsetByCodePoints(0, MAX_TITLE_LENGTH - 1)) + "…";
    }
}
