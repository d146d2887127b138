package dev.outpost.ports.platform;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How accounts of one platform connect and stay connected: the sign-in methods the platform offers (a browser
 * redirect with PKCE, a form of fields, proof-of-possession), refresh and revocation. The plugin owns the flow; the
 * core owns the pending state (single use, bound to who started it, expiring), the stored credentials (encrypted)
 * and single-flight refresh.
 *
 * <p>Thread-safe. Failures are {@link PlatformException}s, or {@link IllegalArgumentException} naming the field for a
 * value the user typed wrong; no secret ever appears in a message.
 */
public interface Authorizer {
    /** The ways to connect, the preferred first; never empty. */
    List<SignInMethod> signInMethods();

    /**
     * Begins signing in.
     *
     * @param method the id of one of {@link #signInMethods()}
     * @param fields the values the user gave for that method's fields, by key
     * @param pending a fresh authorization (state, PKCE verifier, redirect URI, owner) for redirect methods; the plugin
     *     returns it, with its own state added when it needs any at the callback
     * @return a redirect for redirect methods, the connected account for the others
     */
    SignInStart begin(String method, Map<String, String> fields, PendingAuthorization pending);

    /**
     * Finishes a redirect sign-in when the browser comes back. The core has already checked the state (known, unused,
     * unexpired, same owner) and that the platform reported no error.
     *
     * @param callback the callback's query parameters ({@code code}, {@code iss}, …)
     */
    Connection complete(PendingAuthorization pending, Map<String, String> callback);

    /**
     * The fields {@link #importCredentials} takes (a token made by hand, and a server); empty when the platform has
     * no such way.
     */
    default List<SignInField> importFields() {
        return List.of();
    }

    /** Connects an account with credentials the user made elsewhere. */
    default Connection importCredentials(Map<String, String> fields) {
        throw new IllegalArgumentException("this platform takes no imported credentials; connect the account instead");
    }

    /**
     * New credentials for an account whose token expired or was refused. The platform may rotate the refresh token:
     * the old one must be considered dead as soon as this returns.
     *
     * @throws PlatformException.InvalidRequest or {@link PlatformException.Unauthorized} when the credentials can no
     *     longer be renewed (rotated by someone else, revoked): the user must connect again
     */
    TokenSet refresh(AccountAccess access);

    /** Revokes the credentials at the platform; best effort, never throws for credentials already invalid. */
    void revoke(AccountAccess access);

    /**
     * The OAuth client metadata document (JSON) that an app must serve, publicly, at {@link #clientMetadataUrl} for
     * browser sign-ins coming back to {@code redirectUri}: for platforms whose client id is the URL of such a
     * document. Empty (the default) when the platform needs none for that callback.
     */
    default Optional<String> clientMetadata(URI redirectUri) {
        return Optional.empty();
    }

    /** Where an app serves {@link #clientMetadata} for a callback: beside it, as {@code client-metadata.json}. */
    static URI clientMetadataUrl(URI redirectUri) {
        return redirectUri.resolve("client-metadata.json");
    }
}
