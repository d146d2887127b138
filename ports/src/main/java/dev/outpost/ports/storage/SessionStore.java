package dev.outpost.ports.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The web app's browser sessions, kept in the storage so that a restart, or another instance over the same database,
 * keeps people signed in. A session is found by the SHA-256 of its id (the cookie's value), never by the id itself:
 * the id is not stored, so a copy of the database signs nobody in. Thread-safe and shared across instances.
 */
public interface SessionStore {
    /**
     * One browser's session.
     *
     * @param idHash the session id's SHA-256, 64 lowercase hex digits
     * @param owner names the session to the core (whose sign-in flows it started); not secret
     * @param csrfToken the token its state-changing requests carry
     * @param signedIn whether the admin password was given in it
     * @param lastSeen its last request
     * @param flash a one-time message for its next page, or null
     */
    record StoredSession(String idHash, String owner, String csrfToken, boolean signedIn, Instant lastSeen,
            String flash) {
        public StoredSession {
            Objects.requireNonNull(idHash, "idHash");
            if (!idHash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a session is stored by the 64 hex digits of its id's SHA-256");
            }
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /** Stores the session, replacing one with the same id hash. */
    void save(StoredSession session);

    Optional<StoredSession> find(String idHash);

    /** Records a request of the session at {@code lastSeen}; nothing for an unknown session. */
    void touch(String idHash, Instant lastSeen);

    /** Leaves a one-time message for the session's next page (replacing one not yet shown). */
    void flash(String idHash, String message);

    /** Removes and returns the session's message, at most once across all instances. */
    Optional<String> takeFlash(String idHash);

    void delete(String idHash);

    /**
     * Removes idle sessions: signed-in ones last seen before {@code signedInCutoff}, the others before
     * {@code anonymousCutoff}.
     *
     * @return how many were removed
     */
    int deleteIdle(Instant signedInCutoff, Instant anonymousCutoff);
}
