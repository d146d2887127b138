package dev.outpost.mastodonsandbox;

import java.util.List;

/** A client registered through {@code POST /api/v1/apps}. Its {@link #toString()} hides the secret. */
public record SandboxApp(String id, String name, String clientId, String clientSecret, List<String> redirectUris,
        List<String> scopes, String website) {
    public SandboxApp {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "SandboxApp[id=" + id + ", name=" + name + ", redirectUris=" + redirectUris + ", scopes=" + scopes + "]";
    }
}
