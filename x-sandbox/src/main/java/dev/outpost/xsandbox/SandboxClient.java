package dev.outpost.xsandbox;

import java.util.List;
import java.util.Objects;

/**
 * An OAuth 2.0 client registered with the sandbox. A null secret makes it a public client
 * (client_id in the body), otherwise it is confidential (HTTP Basic), as on X (FACTS §4).
 */
public record SandboxClient(String clientId, String clientSecret, List<String> redirectUris) {
    public SandboxClient {
        Objects.requireNonNull(clientId, "clientId");
        redirectUris = List.copyOf(redirectUris);
    }

    public boolean confidential() {
        return clientSecret != null;
    }
}
