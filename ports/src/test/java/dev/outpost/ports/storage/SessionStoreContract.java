package dev.outpost.ports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.ports.storage.SessionStore.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does; extend it with a fresh, empty store per test. */
public abstract class SessionStoreContract {
    private static final Instant T = Instant.parse("2026-12-04T09:00:00.123456789Z");
    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    /** A store with no sessions; called once per test. */
    protected abstract SessionStore sessionStore();

    private static StoredSession session(String idHash, boolean signedIn, Instant lastSeen) {
        return new StoredSession(idHash, "web:owner-" + idHash.substring(0, 8), "csrf-" + idHash.substring(0, 8),
                signedIn, lastSeen, null);
    }

    @Test
    void aSavedSessionIsFoundByItsIdHashExactly() {
        SessionStore store = sessionStore();
        assertThat(store.find(A)).isEmpty();
        store.save(session(A, true, T));
        assertThat(store.find(A)).contains(session(A, true, T));
        assertThat(store.find(B)).isEmpty();

        store.save(new StoredSession(A, "web:other", "csrf-other", false, T.plusSeconds(5), "hello"));
        assertThat(store.find(A)).contains(new StoredSession(A, "web:other", "csrf-other", false, T.plusSeconds(5),
                "hello"));
    }

    @Test
    void touchMovesLastSeenAndIgnoresUnknownSessions() {
        SessionStore store = sessionStore();
        store.save(session(A, true, T));
        store.touch(A, T.plusSeconds(60));
        store.touch(B, T.plusSeconds(60));
        assertThat(store.find(A).map(StoredSession::lastSeen)).contains(T.plusSeconds(60));
        assertThat(store.find(B)).isEmpty();
    }

    @Test
    void aFlashIsTakenOnceAndANewOneReplacesOneNotYetShown() {
        SessionStore store = sessionStore();
        store.save(session(A, true, T));
        assertThat(store.takeFlash(A)).isEmpty();
        store.flash(A, "first");
        store.flash(A, "Connected @alice on X. ✓");
        assertThat(store.takeFlash(A)).contains("Connected @alice on X. ✓");
        assertThat(store.takeFlash(A)).isEmpty();
        store.flash(B, "nobody's");
        assertThat(store.find(B)).isEmpty();
    }

    @Test
    void ofConcurrentTakersExactlyOneGetsTheFlash() throws Exception {
        SessionStore store = sessionStore();
        store.save(session(A, true, T));
        store.flash(A, "once");
        List<Optional<String>> taken = Concurrently.run(8, i -> store.takeFlash(A));
        assertThat(taken.stream().filter(Optional::isPresent)).hasSize(1);
    }

    @Test
    void deleteForgetsOneSessionAndIdleOnesGoByTheirOwnCutoff() {
        SessionStore store = sessionStore();
        String c = "c".repeat(64);
        String d = "d".repeat(64);
        store.save(session(A, true, T));
        store.save(session(B, true, T.plusSeconds(3600)));
        store.save(session(c, false, T.plusSeconds(3600)));
        store.save(session(d, false, T.plusSeconds(7200)));
        store.delete(A);
        store.delete("e".repeat(64));
        assertThat(store.find(A)).isEmpty();

        // signed in: idle before T+2h; anonymous: idle before T+2h too, but only c was seen before it
        assertThat(store.deleteIdle(T.plusSeconds(3601), T.plusSeconds(3601))).isEqualTo(2);
        assertThat(store.find(B)).isEmpty();
        assertThat(store.find(c)).isEmpty();
        assertThat(store.find(d)).isPresent();
        assertThat(store.deleteIdle(T, T.plusSeconds(7201))).isEqualTo(1);
        assertThat(store.find(d)).isEmpty();
    }
}
