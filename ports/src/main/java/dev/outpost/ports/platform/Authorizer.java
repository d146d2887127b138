package dev.outpost.ports.platform;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import java.net.URI;
import java.util.Set;

/**
 * A platform's OAuth 2.0 authorization-code flow with PKCE. Thread-safe. Failures are {@link PlatformException}s;
 * tokens never appear in their messages.
 */
public interface Authorizer {
    /** The scopes Outpost asks for: no more than it needs. */
    Set<String> scopes();

    /** Where to send the user's browser to consent; carries the pending state and the S256 challenge. */
    URI authorizationUrl(PendingAuthorization pending);

    /** Exchanges the code the callback brought for the account's first token set (version 0). */
    TokenSet exchange(PendingAuthorization pending, String code);

    /**
     * Uses the refresh token for a new token set. The platform may rotate the refresh token: the old one must be
     * considered dead as soon as this returns.
     *
     * @throws PlatformException.InvalidRequest or {@link PlatformException.Unauthorized} when the refresh token is no
     *     longer accepted (rotated by someone else, or revoked)
     */
    TokenSet refresh(TokenSet current);

    /** Revokes the tokens at the platform; best effort, never throws for an already invalid token. */
    void revoke(TokenSet tokens);

    /** Names the account the access token belongs to. */
    RemoteUser currentUser(String accessToken);
}
