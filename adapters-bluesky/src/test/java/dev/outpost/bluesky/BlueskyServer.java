package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * A Bluesky server the tests talk to: the real PDS or the sandbox. One contract suite runs against both, through
 * this face, so that the sandbox is proven faithful to the real thing.
 */
interface BlueskyServer {
    /** The PDS's base URL. */
    URI url();

    /** The PLC directory its accounts' DIDs live in. */
    URI plcUrl();

    /** A copy of a session's access JWT that expired a minute ago, signed as the server signs. */
    String expiredCopyOf(String accessJwt);

    /**
     * Creates an account with a fresh {@code .test} handle and an app password, through the server's own XRPC
     * methods ({@code createAccount}, {@code createAppPassword}).
     */
    default TestAccount createAccount(String name) {
        String handle = name + "-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        String password = "pw-" + UUID.randomUUID();
        Wire wire = new Wire(url());
        JsonNode account = wire.post("com.atproto.server.createAccount", null, Map.of("handle", handle, "email",
                handle.replace('.', '-') + "@example.test", "password", password));
        String access = account.path("accessJwt").asText();
        JsonNode appPassword = wire.post("com.atproto.server.createAppPassword", access, Map.of("name", "outpost"));
        return new TestAccount(handle, account.path("did").asText(), password, appPassword.path("password").asText());
    }

    /** An account of the server: its handle, DID, account password and one app password. */
    record TestAccount(String handle, String did, String password, String appPassword) {
    }
}
