package dev.outpost.ports.storage.memory;

import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.ports.storage.UploadJournal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link UploadJournal} in a map kept in first-save order, for tests of the core. Thread-safe. */
public final class InMemoryUploadJournal implements UploadJournal {
    // LinkedHashMap keeps the first insertion's position when a key is replaced: "oldest first" for free.
    private final Map<UploadId, UploadSession> sessions = new LinkedHashMap<>();

    @Override
    public synchronized void save(UploadSession session) {
        sessions.put(Objects.requireNonNull(session, "session").id(), session);
    }

    @Override
    public synchronized Optional<UploadSession> find(UploadId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized List<UploadSession> listUnfinished() {
        return sessions.values().stream().filter(s -> !s.isTerminal()).toList();
    }

    @Override
    public synchronized void delete(UploadId id) {
        sessions.remove(id);
    }
}
