package dev.outpost.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory: every visitor gets one (it carries the CSRF token of the sign-in form), and signing
 * in replaces it with a new id so a session id planted before sign-in is worthless after. Thread-safe.
 */
final class Sessions {
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idle;

    Sessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    /** One browser's session. The id is the cookie; {@code owner} names it to the core without revealing the id. */
    static final class Session {
        private final String id;
        private final String owner;
        private final String csrfToken;
        private final boolean signedIn;
        private volatile Instant lastSeen;
        private volatile String flash;

        private Session(String id, String owner, String csrfToken, boolean signedIn, Instant lastSeen) {
            this.id = id;
            this.owner = owner;
            this.csrfToken = csrfToken;
            this.signedIn = signedIn;
            this.lastSeen = lastSeen;
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

        /** A one-time message for the next page. */
        void flash(String message) {
            this.flash = message;
        }

        String takeFlash() {
            String message = flash;
            flash = null;
            return message;
        }

        @Override
        public String toString() {
            return "Session[signedIn=" + signedIn + "]";
        }
    }

    Session anonymous() {
        return create(false);
    }

    /** Ends {@code previous} and returns a new signed-in session with a fresh id and CSRF token. */
    Session signIn(Session previous) {
        if (previous != null) {
            byId.remove(previous.id());
        }
        return create(true);
    }

    Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen.plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    void end(Session session) {
        byId.remove(session.id());
    }

    private Session create(boolean signedIn) {
        purgeIdle();
        Session session = new Session(token(), "web:" + token(), token(), signedIn, clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    private void purgeIdle() {
        Instant cutoff = clock.instant().minus(idle);
        byId.values().removeIf(s -> s.lastSeen.isBefore(cutoff));
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
