package dev.outpost.ports.storage;

import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import java.util.List;
import java.util.Optional;

/**
 * Persists the checkpoint of every upload in flight (the platform plugin's resume state, opaque here), so that a run
 * that dies continues where it stopped. A saved checkpoint is durable when {@link #save} returns. Thread-safe.
 */
public interface UploadJournal {
    /** Inserts or replaces the checkpoint with the same upload id. */
    void save(UploadCheckpoint checkpoint);

    Optional<UploadCheckpoint> find(UploadId id);

    /** Checkpoints not yet {@link UploadCheckpoint.Phase#READY}, oldest first (by first save). */
    List<UploadCheckpoint> listUnfinished();

    void delete(UploadId id);
}
