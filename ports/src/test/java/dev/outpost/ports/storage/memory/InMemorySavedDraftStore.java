package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SavedDraft;
import dev.outpost.ports.storage.SavedDraftStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SavedDraftStore} in a map, for tests of the core and the apps. Thread-safe. */
public final class InMemorySavedDraftStore implements SavedDraftStore {
    private final Map<String, SavedDraft> drafts = new LinkedHashMap<>();

    @Override
    public synchronized SavedDraft save(SavedDraft draft) {
        drafts.put(draft.id(), draft);
        return draft;
    }

    @Override
    public synchronized Optional<SavedDraft> find(String id) {
        return Optional.ofNullable(drafts.get(id));
    }

    @Override
    public synchronized List<SavedDraft> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return drafts.values().stream().sorted(Comparator.comparing(SavedDraft::updatedAt).reversed()
                .thenComparing(SavedDraft::id)).limit(limit).toList();
    }

    @Override
    public synchronized void delete(String id) {
        drafts.remove(id);
    }
}
