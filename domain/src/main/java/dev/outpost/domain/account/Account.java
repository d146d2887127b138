package dev.outpost.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A platform account the user connected.
 *
 * @param id Outpost's id
 * @param platformUserId the platform's id of the user
 * @param handle the user name shown to people, without {@code @}
 * @param displayName the profile name
 * @param status connected or in need of a reconnect
 * @param connectedAt when the user last connected it
 */
public record Account(AccountId id, String platformUserId, String handle, String displayName, AccountStatus status,
        Instant connectedAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platformUserId, "platformUserId");
        Objects.requireNonNull(handle, "handle");
        displayName = displayName == null ? handle : displayName;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connectedAt, "connectedAt");
    }

    public String platformId() {
        return id.platformId();
    }

    public Account withStatus(AccountStatus next) {
        return new Account(id, platformUserId, handle, displayName, next, connectedAt);
    }
}
