package dev.outpost.ports.storage;

import dev.outpost.domain.auth.PendingAuthorization;
import java.time.Instant;
import java.util.Optional;

/** Authorizations started in a browser and not yet called back. Thread-safe and shared across instances. */
public interface PendingAuthorizationStore {
    void save(PendingAuthorization pending);

    /**
     * Removes and returns the authorization with this state, at most once across all instances: a second call with
     * the same state finds nothing. An expired one is removed and not returned.
     */
    Optional<PendingAuthorization> take(String state, Instant now);

    /** @return how many expired authorizations were removed */
    int purgeExpired(Instant now);
}
