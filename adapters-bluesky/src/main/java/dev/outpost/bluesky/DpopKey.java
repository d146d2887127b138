package dev.outpost.bluesky;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * A session's proof-of-possession key (DPoP, RFC 9449): an EC P-256 key pair made at sign-in, kept secret with the
 * tokens, that signs an ES256 proof for every request so that a stolen access token is useless without it. Immutable.
 */
final class DpopKey {
    private final ECKey key;

    private DpopKey(ECKey key) {
        this.key = key;
    }

    static DpopKey generate() {
        try {
            return new DpopKey(new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an EC P-256 key", e);
        }
    }

    /** The key pair as a private JWK, for the encrypted plugin state. */
    String toJson() {
        return key.toJSONString();
    }

    static DpopKey fromJson(String jwk) {
        try {
            return new DpopKey(ECKey.parse(jwk));
        } catch (ParseException e) {
            throw new IllegalStateException("the stored proof key is not an EC JWK", e);
        }
    }

    /**
     * A proof for one request.
     *
     * @param uri the request's URL; the proof names it without query and fragment
     * @param nonce the server's latest nonce, or null
     * @param accessToken the token the request carries, or null (its hash binds the proof to it)
     */
    String proof(String method, URI uri, String nonce, String accessToken, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", method).claim("htu", uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath())
                .issueTime(Date.from(now));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (accessToken != null) {
            claims.claim("ath", sha256(accessToken));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a proof", e);
        }
        return jwt.serialize();
    }

    private static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DpopKey[***]";
    }
}
