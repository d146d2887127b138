package dev.outpost.domain.auth;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * An authorization the user has started in the browser and not finished: the {@code state} the callback must bring
 * back, the PKCE verifier the code exchange needs, and what the platform's plugin must remember until the callback
 * (the server the user chose, a proof-of-possession key). Single-use and short-lived.
 *
 * @param state random, at least 128 bits, URL-safe
 * @param verifier the PKCE verifier
 * @param platformId which platform the user is connecting
 * @param redirectUri where the platform sends the browser back
 * @param owner who started it (a web session id or the CLI), so a callback from elsewhere is refused; may be empty
 * @param expiresAt after this the callback is refused
 * @param pluginState the plugin's own state for the callback, opaque to the core and stored encrypted; null for none
 */
public record PendingAuthorization(String state, PkceVerifier verifier, String platformId, URI redirectUri,
        String owner, Instant expiresAt, String pluginState) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    public PendingAuthorization {
        Objects.requireNonNull(state, "state");
        if (state.length() < 22) {
            throw new IllegalArgumentException("state must carry at least 128 bits");
        }
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(platformId, "platformId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        owner = owner == null ? "" : owner;
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (pluginState != null && pluginState.isEmpty()) {
            pluginState = null;
        }
    }

    public PendingAuthorization(String state, PkceVerifier verifier, String platformId, URI redirectUri,
            String owner, Instant expiresAt) {
        this(state, verifier, platformId, redirectUri, owner, expiresAt, null);
    }

    /** Starts a new authorization with fresh random state and verifier. */
    public static PendingAuthorization start(String platformId, URI redirectUri, String owner, Instant now,
            SecureRandom random) {
        byte[] state = new byte[24];
        random.nextBytes(state);
        return new PendingAuthorization(Base64.getUrlEncoder().withoutPadding().encodeToString(state),
                PkceVerifier.generate(random), platformId, redirectUri, owner, now.plus(DEFAULT_LIFETIME), null);
    }

    /** The same authorization carrying the plugin's state. */
    public PendingAuthorization withPluginState(String next) {
        return new PendingAuthorization(state, verifier, platformId, redirectUri, owner, expiresAt, next);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[platformId=" + platformId + ", redirectUri=" + redirectUri + ", expiresAt="
                + expiresAt + "]";
    }
}
