package dev.outpost.ports.storage.memory;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link PendingAuthorizationStore} in a map, for tests of the core. Thread-safe; take is atomic. */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {
    private final Map<String, PendingAuthorization> pending = new HashMap<>();

    @Override
    public synchronized void save(PendingAuthorization authorization) {
        pending.put(Objects.requireNonNull(authorization, "authorization").state(), authorization);
    }

    @Override
    public synchronized Optional<PendingAuthorization> take(String state, Instant now) {
        PendingAuthorization found = pending.remove(state);
        return found == null || found.isExpiredAt(now) ? Optional.empty() : Optional.of(found);
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = pending.size();
        pending.values().removeIf(p -> p.isExpiredAt(now));
        return before - pending.size();
    }
}
