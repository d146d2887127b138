package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.ports.platform.AccountAccess;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/**
 * What the plugin keeps beside a session's tokens, in {@link dev.outpost.domain.auth.TokenSet#extra()} (stored
 * encrypted with them): where the account's repository lives now (its PDS, which may move), its DID and its handle.
 *
 * @param pds the personal data server every request of the session goes to
 * @param did the account's DID, the repository's name
 * @param handle the handle, for post links
 */
record SessionState(URI pds, String did, String handle) {
    SessionState {
        Objects.requireNonNull(pds, "pds");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(handle, "handle");
    }

    String encode() {
        ObjectNode node = Xrpc.JSON.createObjectNode();
        node.put("pds", pds.toString()).put("did", did).put("handle", handle);
        return node.toString();
    }

    /**
     * The session state of {@code access}; for credentials without one (made elsewhere), what the account says: its
     * server and its DID.
     */
    static SessionState of(AccountAccess access) {
        String extra = access.credentials().extra();
        if (extra != null) {
            try {
                JsonNode node = Xrpc.JSON.readTree(extra);
                if (node.hasNonNull("pds") && node.hasNonNull("did")) {
                    return new SessionState(URI.create(node.get("pds").asText()), node.get("did").asText(),
                            node.path("handle").asText(access.account().handle()));
                }
            } catch (IOException | IllegalArgumentException e) {
                // not ours: fall back on the account
            }
        }
        URI server = access.account().server();
        if (server == null) {
            throw new IllegalStateException("the Bluesky account " + access.account().id()
                    + " has no server recorded; connect it again");
        }
        return new SessionState(server, access.account().platformUserId(), access.account().handle());
    }
}
