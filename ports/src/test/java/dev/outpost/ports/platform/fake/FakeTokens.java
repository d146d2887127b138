package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.TokenSet;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tokens of one fake platform (or one server of it): access tokens with or without expiry, refresh tokens that
 * rotate (the old one dying at once or after a grace period), sessions that are revoked as a whole, and an optional
 * binding each request must present beside its token (as a proof-of-possession key would be). Not thread-safe: the
 * platform calls it under its lock.
 */
final class FakeTokens {
    /** Why a token was refused. */
    enum Denial { MISSING, INVALID, EXPIRED, REVOKED, UNBOUND, MISSING_SCOPE }

    static final class Denied extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Denial denial;

        Denied(Denial denial) {
            super(denial.name(), null, false, false);
            this.denial = denial;
        }
    }

    record Grant(String session, String userId, Set<String> scopes, Instant expiresAt, String binding) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> access = new HashMap<>();
    private final Map<String, Grant> refresh = new HashMap<>();
    /** Rotated refresh tokens still honoured until their instant. */
    private final Map<String, Instant> graced = new HashMap<>();
    private final Map<String, Boolean> revokedSessions = new HashMap<>();
    private Duration accessTtl;
    private final boolean issuesRefresh;
    private final Duration refreshGrace;

    /**
     * @param accessTtl how long access tokens live; null: until revoked
     * @param issuesRefresh whether refresh tokens are issued
     * @param refreshGrace how long a rotated refresh token keeps working (zero: it dies at once)
     */
    FakeTokens(Clock clock, Duration accessTtl, boolean issuesRefresh, Duration refreshGrace) {
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.issuesRefresh = issuesRefresh;
        this.refreshGrace = refreshGrace;
    }

    void accessTtl(Duration ttl) {
        this.accessTtl = ttl;
    }

    TokenSet issue(String userId, Set<String> scopes, String binding) {
        return issue(newToken("s"), userId, scopes, binding);
    }

    /** The user behind a live access token holding {@code scope} (null: any), presented with {@code binding}. */
    Grant check(String token, String binding, String scope) {
        if (token == null || token.isBlank()) {
            throw new Denied(Denial.MISSING);
        }
        Grant grant = access.get(token);
        if (grant == null) {
            throw new Denied(Denial.INVALID);
        }
        if (revokedSessions.containsKey(grant.session())) {
            throw new Denied(Denial.REVOKED);
        }
        if (grant.expiresAt() != null && !clock.instant().isBefore(grant.expiresAt())) {
            throw new Denied(Denial.EXPIRED);
        }
        if (grant.binding() != null && !grant.binding().equals(binding)) {
            throw new Denied(Denial.UNBOUND);
        }
        if (scope != null && !grant.scopes().contains(scope)) {
            throw new Denied(Denial.MISSING_SCOPE);
        }
        return grant;
    }

    /** A new pair for a refresh token; the old one dies now or after the grace period. */
    TokenSet rotate(String token, String binding) {
        Grant grant = refresh.get(token);
        if (grant == null) {
            throw new Denied(Denial.INVALID);
        }
        if (revokedSessions.containsKey(grant.session())) {
            throw new Denied(Denial.REVOKED);
        }
        Instant graceEnd = graced.get(token);
        if (graceEnd != null && !clock.instant().isBefore(graceEnd)) {
            throw new Denied(Denial.EXPIRED);
        }
        if (grant.binding() != null && !grant.binding().equals(binding)) {
            throw new Denied(Denial.UNBOUND);
        }
        if (refreshGrace.isZero()) {
            refresh.remove(token);
        } else {
            graced.putIfAbsent(token, clock.instant().plus(refreshGrace));
        }
        return issue(grant.session(), grant.userId(), grant.scopes(), grant.binding());
    }

    /** Revokes the session of {@code token} (access or refresh); unknown tokens are ignored. */
    void revoke(String token) {
        Grant grant = access.containsKey(token) ? access.get(token) : refresh.get(token);
        if (grant != null) {
            revokedSessions.put(grant.session(), true);
        }
    }

    /** Every access token issued so far has expired (refresh tokens still work). */
    void expireAccessTokens() {
        Instant now = clock.instant();
        access.replaceAll((t, g) -> new Grant(g.session(), g.userId(), g.scopes(), now, g.binding()));
    }

    /** Every session is revoked: the users must connect again. */
    void revokeAll() {
        access.values().forEach(g -> revokedSessions.put(g.session(), true));
        refresh.values().forEach(g -> revokedSessions.put(g.session(), true));
    }

    /** Refresh tokens die, access tokens still work until they expire. */
    void forgetRefreshTokens() {
        refresh.clear();
    }

    private TokenSet issue(String session, String userId, Set<String> scopes, String binding) {
        Instant expiresAt = accessTtl == null ? null : clock.instant().plus(accessTtl);
        String accessToken = newToken("at");
        access.put(accessToken, new Grant(session, userId, Set.copyOf(scopes), expiresAt, binding));
        String refreshToken = null;
        if (issuesRefresh) {
            refreshToken = newToken("rt");
            refresh.put(refreshToken, new Grant(session, userId, Set.copyOf(scopes), null, binding));
        }
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, binding, 0);
    }

    String newToken(String suffix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + suffix;
    }
}
