package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.ports.platform.AccountAccess;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the plugin keeps beside a session's tokens, in {@link dev.outpost.domain.auth.TokenSet#extra()} (stored
 * encrypted with them): where the account's repository lives now (its PDS, which may move), its DID and its handle;
 * and for an OAuth session, its authorization server and its DPoP key.
 *
 * @param pds the personal data server every request of the session goes to
 * @param did the account's DID, the repository's name
 * @param handle the handle, for post links
 * @param oauth the OAuth grant, or null for an app-password session
 */
record SessionState(URI pds, String did, String handle, OAuthGrant oauth) {
    SessionState {
        Objects.requireNonNull(pds, "pds");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(handle, "handle");
    }

    SessionState(URI pds, String did, String handle) {
        this(pds, did, handle, null);
    }

    /**
     * An OAuth session's authorization server and proof key.
     *
     * @param issuer the authorization server, which the callback's {@code iss} must name
     * @param tokenEndpoint where codes and refresh tokens are exchanged
     * @param revocationEndpoint where tokens are revoked, or null
     * @param clientId the client id the tokens were issued to
     */
    record OAuthGrant(URI issuer, URI tokenEndpoint, URI revocationEndpoint, String clientId, DpopKey key) {
        OAuthGrant {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(key, "key");
        }

        ObjectNode json() {
            ObjectNode node = Xrpc.JSON.createObjectNode().put("issuer", issuer.toString())
                    .put("tokenEndpoint", tokenEndpoint.toString()).put("clientId", clientId)
                    .put("dpopKey", key.toJson());
            if (revocationEndpoint != null) {
                node.put("revocationEndpoint", revocationEndpoint.toString());
            }
            return node;
        }

        static OAuthGrant of(JsonNode node) {
            return new OAuthGrant(URI.create(node.path("issuer").asText()), URI.create(node.path("tokenEndpoint")
                    .asText()), node.hasNonNull("revocationEndpoint") ? URI.create(node.get("revocationEndpoint")
                            .asText()) : null, node.path("clientId").asText(), DpopKey.fromJson(node.path("dpopKey")
                                    .asText()));
        }
    }

    Optional<DpopKey> dpopKey() {
        return oauth == null ? Optional.empty() : Optional.of(oauth.key());
    }

    SessionState withIdentity(URI nextPds, String nextHandle) {
        return new SessionState(nextPds, did, nextHandle, oauth);
    }

    String encode() {
        ObjectNode node = Xrpc.JSON.createObjectNode();
        node.put("pds", pds.toString()).put("did", did).put("handle", handle);
        if (oauth != null) {
            node.set("oauth", oauth.json());
        }
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
                            node.path("handle").asText(access.account().handle()), node.path("oauth").isObject()
                                    ? OAuthGrant.of(node.get("oauth")) : null);
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
