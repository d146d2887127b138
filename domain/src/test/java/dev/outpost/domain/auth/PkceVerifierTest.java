package dev.outpost.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void s256ChallengeMatchesRfc7636AppendixB() {
        PkceVerifier verifier = new PkceVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(verifier.s256Challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void generatedVerifiersAreFortyThreeUnreservedCharactersAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PkceVerifier verifier = PkceVerifier.generate(RANDOM);
            assertThat(verifier.value()).hasSize(43).matches("[A-Za-z0-9._~-]+");
            // RFC 7636 section 4.2: the challenge is unpadded base64url of a 32-byte digest.
            assertThat(verifier.s256Challenge()).hasSize(43).matches("[A-Za-z0-9_-]+");
            seen.add(verifier.value());
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void toStringHidesTheVerifier() {
        PkceVerifier verifier = PkceVerifier.generate(RANDOM);

        assertThat(verifier.toString()).doesNotContain(verifier.value()).doesNotContain(verifier.s256Challenge());
    }

    @Test
    void verifiersOutsideTheRfcShapeAreRefused() {
        assertThatThrownBy(() -> new PkceVerifier("a".repeat(42))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PkceVerifier("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PkceVerifier("a".repeat(42) + "+")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PkceVerifier("~".repeat(128)).value()).hasSize(128);
    }

    @Test
    void startedAuthorizationCarriesAtLeast128BitsOfStateAndExpires() {
        Instant now = Instant.parse("2030-03-04T05:06:07Z");
        URI redirect = URI.create("http://127.0.0.1:8080/callback");

        PendingAuthorization first = PendingAuthorization.start("x", redirect, "session-1", now, RANDOM);
        PendingAuthorization second = PendingAuthorization.start("x", redirect, "session-1", now, RANDOM);

        assertThat(Base64.getUrlDecoder().decode(first.state()).length * 8).isGreaterThanOrEqualTo(128);
        assertThat(first.state()).isNotEqualTo(second.state());
        assertThat(first.verifier()).isNotEqualTo(second.verifier());
        assertThat(first.expiresAt()).isEqualTo(now.plus(PendingAuthorization.DEFAULT_LIFETIME));
        assertThat(first.isExpiredAt(first.expiresAt().minusNanos(1))).isFalse();
        assertThat(first.isExpiredAt(first.expiresAt())).isTrue();
        assertThat(first.platformId()).isEqualTo("x");
        assertThat(first.owner()).isEqualTo("session-1");
    }

    @Test
    void pendingAuthorizationHidesItsSecrets() {
        PendingAuthorization pending = PendingAuthorization.start("x", URI.create("http://localhost/cb"), null,
                Instant.EPOCH, RANDOM);

        assertThat(pending.toString()).doesNotContain(pending.state()).doesNotContain(pending.verifier().value());
        assertThat(pending.owner()).isEmpty();
    }

    @Test
    void aShortStateIsRefused() {
        assertThatThrownBy(() -> new PendingAuthorization("a".repeat(21), PkceVerifier.generate(RANDOM), "x",
                URI.create("http://localhost/cb"), "", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128 bits");
    }
}
