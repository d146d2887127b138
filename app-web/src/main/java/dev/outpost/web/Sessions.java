package dev.outpost.web;

import dev.outpost.ports.storage.SessionStore;
import dev.outpost.ports.storage.SessionStore.StoredSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Browser sessions, kept in the storage ({@link SessionStore}) so that a restart or another instance over the same
 * database keeps people signed in; the store knows each session by its id's SHA-256 only. Every browser visitor gets
 * one (it carries the CSRF token of the sign-in form), and signing in replaces it with a new id, so an id planted
 * before sign-in is worthless after. A signed-in session ends after {@code idle} without requests, one that never
 * signed in after an hour. Thread-safe.
 */
final class Sessions {
    /** How long a session that never signed in lives without requests. */
    static final Duration ANONYMOUS_IDLE = Duration.ofHours(1);
    /** Requests closer together than this do not write the store again. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private final SessionStore store;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;
    private volatile Instant lastPurge = Instant.MIN;

    Sessions(SessionStore store, Clock clock, Duration idle) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
    }

    /**
     * One browser's session. The id is the cookie's value and exists only there and in memory; {@code owner} names
     * the session to the core without revealing the id.
     */
    final class Session {
        private final String id;
        private final String idHash;
        private final String owner;
        private final String csrfToken;
        private final boolean signedIn;

        private Session(String id, String owner, String csrfToken, boolean signedIn) {
            this.id = id;
            this.idHash = hash(id);
            this.owner = owner;
            this.csrfToken = csrfToken;
            this.signedIn = signedIn;
        }

        String id() {
            return id;
        }

        String owner() {
            return owner;
        }

        String csrfToken() {
            return csrfToken;
        }

        boolean signedIn() {
            return signedIn;
        }

        /** A one-time message for the next page, whichever instance serves it. */
        void flash(String message) {
            store.flash(idHash, message.length() > 1000 ? message.substring(0, 999) + "…" : message);
        }

        String takeFlash() {
            return store.takeFlash(idHash).orElse(null);
        }

        @Override
        public String toString() {
            return "Session[signedIn=" + signedIn + "]";
        }
    }

    /** A new session for a visitor without one; stored once {@link #keep kept} (a script's request keeps none). */
    Session anonymous() {
        return new Session(token(), "web:" + token(), token(), false);
    }

    /** Stores a new anonymous session whose cookie goes to the browser. */
    void keep(Session session) {
        purgeIdle();
        save(session);
    }

    /** Ends {@code previous} and returns a new, stored, signed-in session with a fresh id and CSRF token. */
    Session signIn(Session previous) {
        if (previous != null) {
            store.delete(previous.idHash);
        }
        purgeIdle();
        Session session = new Session(token(), "web:" + token(), token(), true);
        save(session);
        return session;
    }

    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String idHash = hash(id);
        StoredSession stored = store.find(idHash).orElse(null);
        if (stored == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(stored.lastSeen().plus(stored.signedIn() ? idle : ANONYMOUS_IDLE))) {
            store.delete(idHash);
            return Optional.empty();
        }
        if (now.isAfter(stored.lastSeen().plus(TOUCH_EVERY))) {
            store.touch(idHash, now);
        }
        return Optional.of(new Session(id, stored.owner(), stored.csrfToken(), stored.signedIn()));
    }

    void end(Session session) {
        store.delete(session.idHash);
    }

    private void save(Session session) {
        store.save(new StoredSession(session.idHash, session.owner, session.csrfToken, session.signedIn,
                clock.instant(), null));
    }

    private void purgeIdle() {
        Instant now = clock.instant();
        if (now.isAfter(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            store.deleteIdle(now.minus(idle), now.minus(ANONYMOUS_IDLE));
        }
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
