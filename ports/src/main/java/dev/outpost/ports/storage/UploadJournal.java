package dev.outpost.ports.storage;

import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import java.util.List;
import java.util.Optional;

/**
 * Persists the resume token of every upload in flight, so that a run that dies continues where it stopped.
 * A saved session is durable when {@link #save} returns. Thread-safe.
 */
public interface UploadJournal {
    /** Inserts or replaces the session with the same upload id. */
    void save(UploadSession session);

    Optional<UploadSession> find(UploadId id);

    /** Sessions that are not terminal, oldest first. */
    List<UploadSession> listUnfinished();

    void delete(UploadId id);
}
