package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Session and service tokens as HS256 JWTs under the sandbox's secret (the PDS signs sessions the same way). */
final class Jwts {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    Jwts(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String type, ObjectNode claims) {
        try {
            String header = ENCODE.encodeToString(("{\"typ\":\"" + type + "\",\"alg\":\"HS256\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String body = ENCODE.encodeToString(JSON.writeValueAsBytes(claims));
            return header + "." + body + "." + ENCODE.encodeToString(mac(header + "." + body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token this sandbox signed, or null for anything else (bad signature, garbage). */
    JsonNode verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
