package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in memory. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(StoredSession session) {
        sessions.put(session.idHash(), session);
    }

    @Override
    public Optional<StoredSession> find(String idHash) {
        return Optional.ofNullable(sessions.get(idHash));
    }

    @Override
    public void touch(String idHash, Instant lastSeen) {
        sessions.computeIfPresent(idHash, (id, s) -> new StoredSession(id, s.owner(), s.csrfToken(), s.signedIn(),
                lastSeen, s.flash()));
    }

    @Override
    public void flash(String idHash, String message) {
        sessions.computeIfPresent(idHash, (id, s) -> new StoredSession(id, s.owner(), s.csrfToken(), s.signedIn(),
                s.lastSeen(), message));
    }

    @Override
    public Optional<String> takeFlash(String idHash) {
        String[] taken = new String[1];
        sessions.computeIfPresent(idHash, (id, s) -> {
            taken[0] = s.flash();
            return new StoredSession(id, s.owner(), s.csrfToken(), s.signedIn(), s.lastSeen(), null);
        });
        return Optional.ofNullable(taken[0]);
    }

    @Override
    public void delete(String idHash) {
        sessions.remove(idHash);
    }

    @Override
    public int deleteIdle(Instant signedInCutoff, Instant anonymousCutoff) {
        int[] removed = new int[1];
        sessions.values().removeIf(s -> {
            boolean idle = s.lastSeen().isBefore(s.signedIn() ? signedInCutoff : anonymousCutoff);
            if (idle) {
                removed[0]++;
            }
            return idle;
        });
        return removed[0];
    }
}
