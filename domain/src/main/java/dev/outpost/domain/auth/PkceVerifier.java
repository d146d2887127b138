package dev.outpost.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE code verifier (RFC 7636) and its S256 challenge. Only S256 is offered: {@code plain} would send the
 * verifier itself through the browser.
 *
 * @param value 43 to 128 characters from the unreserved set
 */
public record PkceVerifier(String value) {
    /** 32 random bytes: 256 bits, well above the 128 the security rules ask for. */
    private static final int ENTROPY_BYTES = 32;

    public PkceVerifier {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new IllegalArgumentException("a PKCE verifier is 43 to 128 unreserved characters");
        }
    }

    public static PkceVerifier generate(SecureRandom random) {
        byte[] bytes = new byte[ENTROPY_BYTES];
        random.nextBytes(bytes);
        return new PkceVerifier(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), without padding. */
    public String s256Challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PkceVerifier[***]";
    }
}
