package dev.outpost.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An account's OAuth tokens. Every refresh rotates the refresh token, so a token set is replaced as a whole with a
 * compare-and-swap on {@code version}; the old refresh token no longer works once the platform issued the new one.
 *
 * <p>{@link #toString()} never shows a token.
 *
 * @param accessToken the bearer token
 * @param refreshToken null when the platform issued none (no {@code offline.access})
 * @param expiresAt when the access token stops working
 * @param scopes what the user granted
 * @param version increases by one at every stored change; 0 before the first store
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes, long version) {
    /** Refresh when less than this remains, so a request never starts with a token about to die. */
    public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofSeconds(60);

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("access token must not be blank");
        }
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** A token set as a platform issued it, not yet stored. */
    public static TokenSet issued(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, 0);
    }

    public boolean canRefresh() {
        return refreshToken != null;
    }

    /**
     * Whether at most {@code skew} of the access token's life remains at {@code now}. "At most" rather than "less
     * than": with a zero skew a token is due at its expiry instant, when the platform no longer takes it.
     */
    public boolean needsRefresh(Instant now, Duration skew) {
        return !now.plus(skew).isBefore(expiresAt);
    }

    public boolean needsRefresh(Instant now) {
        return needsRefresh(now, DEFAULT_REFRESH_SKEW);
    }

    public TokenSet withVersion(long next) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, next);
    }

    /** Whether both tokens are the same strings (versions aside). */
    public boolean sameTokensAs(TokenSet other) {
        return other != null && accessToken.equals(other.accessToken)
                && Objects.equals(refreshToken, other.refreshToken);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt="
                + expiresAt + ", scopes=" + scopes + ", version=" + version + "]";
    }
}
