package dev.outpost.mastodonsandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the emulated server remembers: users, registered apps, authorization codes, tokens, media, statuses,
 * idempotency keys and rate-limit windows. One lock guards it all (a sandbox serves a handful of clients).
 */
final class ServerState {
    /** An access token and what it may do. */
    record Grant(String token, String clientId, String userId, Set<String> scopes, Instant createdAt,
            boolean revoked) {
        /** Whether the grant covers {@code scope}: the scope itself, or its parent ({@code write} for write:media). */
        boolean allows(String scope) {
            int colon = scope.indexOf(':');
            return scopes.contains(scope) || colon > 0 && scopes.contains(scope.substring(0, colon))
                    || scope.equals("read:accounts") && scopes.contains("profile");
        }
    }

    record Code(String code, String clientId, String userId, String redirectUri, Set<String> scopes,
            String challenge, Instant expiresAt) {
    }

    record Remembered(String statusId, Instant at) {
    }

    /** Media while it is processed; replaced by a new view at each change. */
    static final class Media {
        final String id;
        final String ownerId;
        final String type;
        final String mimeType;
        final long size;
        final String sha256;
        final Instant createdAt;
        String description;
        String focus;
        int pollsUntilReady;
        int polls;
        boolean failed;
        String statusId;

        Media(String id, String ownerId, String type, String mimeType, long size, String sha256, Instant createdAt,
                String description, String focus, int pollsUntilReady, boolean failed) {
            this.id = id;
            this.ownerId = ownerId;
            this.type = type;
            this.mimeType = mimeType;
            this.size = size;
            this.sha256 = sha256;
            this.createdAt = createdAt;
            this.description = description;
            this.focus = focus;
            this.pollsUntilReady = pollsUntilReady;
            this.failed = failed;
        }

        boolean ready() {
            return !failed && pollsUntilReady <= 0;
        }

        String state() {
            return failed && pollsUntilReady <= 0 ? "failed" : ready() ? "ready" : "processing";
        }

        SandboxMedia view() {
            return new SandboxMedia(id, ownerId, type, mimeType, size, sha256, description, focus, state(), polls,
                    statusId);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    final Clock clock;
    final Map<String, SandboxUser> users = new LinkedHashMap<>();
    final Map<String, SandboxApp> apps = new LinkedHashMap<>();
    final Map<String, Code> codes = new HashMap<>();
    final Map<String, Grant> grants = new HashMap<>();
    final Map<String, Media> media = new LinkedHashMap<>();
    final Map<String, SandboxStatus> statuses = new LinkedHashMap<>();
    final Map<String, Remembered> idempotencyKeys = new HashMap<>();
    private final Map<String, Window> windows = new HashMap<>();
    private long nextId;
    private long nextAppId = 1;

    private record Window(Instant start, int count) {
    }

    ServerState(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        users.clear();
        apps.clear();
        codes.clear();
        grants.clear();
        media.clear();
        statuses.clear();
        idempotencyKeys.clear();
        windows.clear();
        users.put(SandboxUser.DEFAULT.id(), SandboxUser.DEFAULT);
        // Snowflake-like ids, growing with time as Mastodon's do.
        nextId = 110_000_000_000_000_000L + (clock.millis() % 1_000_000_000L) * 1000;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized String newId() {
        return Long.toString(++nextId);
    }

    synchronized String newAppId() {
        return Long.toString(nextAppId++);
    }

    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    synchronized Grant issue(String clientId, String userId, Set<String> scopes) {
        Grant grant = new Grant(secret(), clientId, userId,
                java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes)), now(), false);
        grants.put(grant.token(), grant);
        return grant;
    }

    synchronized Optional<Grant> grant(String token) {
        return Optional.ofNullable(grants.get(token));
    }

    /** @return whether a token was revoked */
    synchronized boolean revoke(String token) {
        Grant grant = grants.get(token);
        if (grant == null || grant.revoked()) {
            return false;
        }
        grants.put(token, new Grant(grant.token(), grant.clientId(), grant.userId(), grant.scopes(),
                grant.createdAt(), true));
        return true;
    }

    synchronized int revokeAll() {
        List<String> live = grants.values().stream().filter(g -> !g.revoked()).map(Grant::token).toList();
        live.forEach(this::revoke);
        return live.size();
    }

    /**
     * Counts one request of {@code who} in its window.
     *
     * @return the requests left in the window (negative when over) and when the window resets
     */
    synchronized RateVerdict count(String who, int limit, Duration window) {
        Instant now = now();
        Window w = windows.get(who);
        if (w == null || !now.isBefore(w.start().plus(window))) {
            w = new Window(now, 0);
        }
        w = new Window(w.start(), w.count() + 1);
        windows.put(who, w);
        return new RateVerdict(limit, limit - w.count(), w.start().plus(window));
    }

    record RateVerdict(int limit, int remaining, Instant resetAt) {
        boolean exceeded() {
            return limit > 0 && remaining < 0;
        }
    }

    synchronized List<SandboxStatus> statusList() {
        return new ArrayList<>(statuses.values());
    }

    synchronized List<SandboxMedia> mediaList() {
        return media.values().stream().map(Media::view).toList();
    }
}
