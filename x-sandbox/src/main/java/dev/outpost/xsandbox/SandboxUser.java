package dev.outpost.xsandbox;

import java.util.Objects;

/** An X account in the sandbox: ids are numeric strings like X's. */
public record SandboxUser(String id, String username, String name) {
    public static final SandboxUser DEFAULT = new SandboxUser("1700000000000000001", "outpost_sandbox", "Outpost Sandbox");

    public SandboxUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        if (id == null || !id.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("a user id is 1 to 19 digits: " + id);
        }
    }
}
