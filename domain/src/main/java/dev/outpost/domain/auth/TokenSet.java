package dev.outpost.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An account's credentials, as its platform's plugin defines them: a bearer token, a refresh token where the platform
 * issues one (which may rotate at every refresh), an expiry where the token has one, and whatever else the plugin must
 * keep secret beside them ({@code extra}: a proof-of-possession key pair, a session's service URL), opaque to the
 * core. All of it is stored encrypted. A set is replaced as a whole with a compare-and-swap on {@code version}.
 *
 * <p>{@link #toString()} never shows a secret.
 *
 * @param accessToken the token requests carry
 * @param refreshToken null when the platform issued none
 * @param expiresAt when the access token stops working; null when it does not expire (it works until revoked)
 * @param scopes what the user granted
 * @param extra the plugin's own secret state, opaque to the core; null for none
 * @param version increases by one at every stored change; 0 before the first store
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes, String extra,
        long version) {
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
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (extra != null && extra.isEmpty()) {
            extra = null;
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** Credentials without plugin state. */
    public TokenSet(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes, long version) {
        this(accessToken, refreshToken, expiresAt, scopes, null, version);
    }

    /** A token set as a platform issued it, not yet stored. */
    public static TokenSet issued(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, null, 0);
    }

    public boolean canRefresh() {
        return refreshToken != null;
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<String> pluginState() {
        return Optional.ofNullable(extra);
    }

    /**
     * Whether at most {@code skew} of the access token's life remains at {@code now}. "At most" rather than "less
     * than": with a zero skew a token is due at its expiry instant, when the platform no longer takes it. A token
     * without expiry never is.
     */
    public boolean needsRefresh(Instant now, Duration skew) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    public boolean needsRefresh(Instant now) {
        return needsRefresh(now, DEFAULT_REFRESH_SKEW);
    }

    public TokenSet withVersion(long next) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, extra, next);
    }

    public TokenSet withExtra(String next) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scopes, next, version);
    }

    /** Whether both tokens and the plugin state are the same strings (versions aside). */
    public boolean sameTokensAs(TokenSet other) {
        return other != null && accessToken.equals(other.accessToken)
                && Objects.equals(refreshToken, other.refreshToken) && Objects.equals(extra, other.extra);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt="
                + (expiresAt == null ? "never" : expiresAt) + ", scopes=" + scopes + ", extra="
                + (extra == null ? "none" : "***") + ", version=" + version + "]";
    }
}
