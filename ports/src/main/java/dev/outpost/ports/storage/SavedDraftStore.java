package dev.outpost.ports.storage;

import java.util.List;
import java.util.Optional;

/** Drafts saved as the user types, kept until deleted. Thread-safe; shared across instances. */
public interface SavedDraftStore {
    /** Stores the draft, replacing one with the same id. @return it as stored */
    SavedDraft save(SavedDraft draft);

    Optional<SavedDraft> find(String id);

    /** Newest (by updatedAt) first, at most {@code limit}. @throws IllegalArgumentException when limit < 1 */
    List<SavedDraft> list(int limit);

    /** Removes the draft; nothing happens when there is none. */
    void delete(String id);
}
