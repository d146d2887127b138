package dev.outpost.ports.platform;

import java.util.Objects;

/**
 * The platform's account behind a token.
 *
 * @param id the platform's user id
 * @param handle the user name, without {@code @}
 * @param name the profile name
 */
public record RemoteUser(String id, String handle, String name) {
    public RemoteUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handle, "handle");
        name = name == null ? handle : name;
    }
}
