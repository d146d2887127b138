package dev.outpost.mastodonsandbox;

import java.util.Objects;

/** An account of the emulated server. */
public record SandboxUser(String id, String username, String displayName) {
    public static final SandboxUser DEFAULT = new SandboxUser("109000000000000001", "alice", "Alice Example");

    public SandboxUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? username : displayName;
    }
}
