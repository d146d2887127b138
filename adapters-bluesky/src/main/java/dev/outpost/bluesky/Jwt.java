package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/** Reads the claims of a JWT the server issued, without checking its signature (the server checks it; we only plan). */
final class Jwt {
    private Jwt() {
    }

    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return MissingNode.getInstance();
        }
        try {
            return Xrpc.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    /** When the token stops working ({@code exp}), or null when it does not say. */
    static Instant expiry(String token) {
        JsonNode exp = claims(token).path("exp");
        return exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
    }
}
