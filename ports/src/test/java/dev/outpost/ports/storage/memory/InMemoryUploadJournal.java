package dev.outpost.ports.storage.memory;

import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.ports.storage.UploadJournal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An {@link UploadJournal} in a map kept in first-save order, for tests of the core. Thread-safe. */
public final class InMemoryUploadJournal implements UploadJournal {
    // LinkedHashMap keeps the first insertion's position when a key is replaced: "oldest first" for free.
    private final Map<UploadId, UploadCheckpoint> checkpoints = new LinkedHashMap<>();

    @Override
    public synchronized void save(UploadCheckpoint checkpoint) {
        checkpoints.put(Objects.requireNonNull(checkpoint, "checkpoint").id(), checkpoint);
    }

    @Override
    public synchronized Optional<UploadCheckpoint> find(UploadId id) {
        return Optional.ofNullable(checkpoints.get(id));
    }

    @Override
    public synchronized List<UploadCheckpoint> listUnfinished() {
        return checkpoints.values().stream().filter(c -> c.phase() != UploadCheckpoint.Phase.READY).toList();
    }

    @Override
    public synchronized void delete(UploadId id) {
        checkpoints.remove(id);
    }
}
