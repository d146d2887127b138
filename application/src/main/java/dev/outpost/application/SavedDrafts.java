package dev.outpost.application;

import dev.outpost.ports.storage.SavedDraft;
import dev.outpost.ports.storage.SavedDraftStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Drafts kept on the server as the user types, listed and reopened later. */
public final class SavedDrafts {
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
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<SavedDraft> find(String id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Newest first. */
    public List<SavedDraft> list(int limit) {
        throw new UnsupportedOperationException("not yet");
    }

    public void delete(String id) {
        throw new UnsupportedOperationException("not yet");
    }
}
