package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Session JWTs made by the test with the server's own secret (HS256), as the server would have signed them. */
final class TestJwts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJwts() {
    }

    /** The same token, its expiry a minute in the past: the server answers it {@code ExpiredToken}. */
    static String expiredCopy(String jwt, String secret) {
        String[] parts = jwt.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            claims.put("iat", now - 120).put("exp", now - 60);
            String body = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((parts[0] + "." + body).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of the session's shape whose signature is wrong: the server answers it {@code InvalidToken}. */
    static String forged(String jwt) {
        return jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    }
}
