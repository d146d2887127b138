package dev.outpost.ports.platform;

import dev.outpost.domain.auth.TokenSet;
import java.net.URI;
import java.util.Objects;

/**
 * A connected account as sign-in produced it.
 *
 * @param localId what tells this account apart among the platform's, stable across reconnects: the part of Outpost's
 *     account id after {@code <platform id>:} (a user id; a server and a user id for a platform of many servers)
 * @param user who the account is
 * @param server where the account lives, or null for a platform with one server
 * @param credentials what its requests carry, to be stored encrypted
 */
public record Connection(String localId, RemoteUser user, URI server, TokenSet credentials) {
    public Connection {
        Objects.requireNonNull(localId, "localId");
        if (localId.isBlank()) {
            throw new IllegalArgumentException("localId must not be blank");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String toString() {
        return "Connection[localId=" + localId + ", user=" + user + ", server=" + server + ", credentials=***]";
    }
}
