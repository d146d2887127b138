package dev.outpost.domain.account;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform account the user connected.
 *
 * @param id Outpost's id
 * @param platformUserId the platform's id of the user
 * @param handle the user name shown to people, without {@code @}
 * @param displayName the profile name
 * @param server where the account lives, for platforms of many servers (one server of a federated platform, a personal data server); null
 *     for a platform with one
 * @param status connected or in need of a reconnect
 * @param connectedAt when the user last connected it
 */
public record Account(AccountId id, String platformUserId, String handle, String displayName, URI server,
        AccountStatus status, Instant connectedAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platformUserId, "platformUserId");
        Objects.requireNonNull(handle, "handle");
        displayName = displayName == null ? handle : displayName;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connectedAt, "connectedAt");
    }

    /** An account of a platform with one server. */
    public Account(AccountId id, String platformUserId, String handle, String displayName, AccountStatus status,
            Instant connectedAt) {
        this(id, platformUserId, handle, displayName, null, status, connectedAt);
    }

    public String platformId() {
        return id.platformId();
    }

    /** The account's server, when its platform has many. */
    public Optional<URI> home() {
        return Optional.ofNullable(server);
    }

    public Account withStatus(AccountStatus next) {
        return new Account(id, platformUserId, handle, displayName, server, next, connectedAt);
    }
}
