package dev.outpost.domain.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSetTest {
    private static final Instant EXPIRES = Instant.parse("2030-01-01T12:00:00Z");
    private static final TokenSet TOKENS = TokenSet.issued("access-secret-AAA", "refresh-secret-BBB", EXPIRES,
            Set.of("tweet.read", "offline.access"));

    @Test
    void noRefreshWhileMoreThanTheSkewRemains() {
        assertThat(TOKENS.needsRefresh(EXPIRES.minus(Duration.ofHours(1)))).isFalse();
        assertThat(TOKENS.needsRefresh(EXPIRES.minusSeconds(61))).isFalse();
        assertThat(TOKENS.needsRefresh(EXPIRES.minusSeconds(60).minusNanos(1))).isFalse();
    }

    @Test
    void refreshOnceTheSkewIsReached() {
        assertThat(TOKENS.needsRefresh(EXPIRES.minusSeconds(60))).isTrue();
        assertThat(TOKENS.needsRefresh(EXPIRES.minusSeconds(59))).isTrue();
        assertThat(TOKENS.needsRefresh(EXPIRES)).isTrue();
        assertThat(TOKENS.needsRefresh(EXPIRES.plusSeconds(3600))).isTrue();
    }

    @Test
    void aZeroSkewRefreshesAtTheExpiryInstant() {
        assertThat(TOKENS.needsRefresh(EXPIRES.minusNanos(1), Duration.ZERO)).isFalse();
        assertThat(TOKENS.needsRefresh(EXPIRES, Duration.ZERO)).isTrue();
    }

    @Test
    void toStringNeverShowsTheTokens() {
        assertThat(TOKENS.toString()).doesNotContain("access-secret-AAA").doesNotContain("refresh-secret-BBB")
                .contains(EXPIRES.toString());
    }

    @Test
    void aBlankRefreshTokenMeansNone() {
        TokenSet withoutRefresh = TokenSet.issued("access", " ", EXPIRES, null);

        assertThat(withoutRefresh.refreshToken()).isNull();
        assertThat(withoutRefresh.canRefresh()).isFalse();
        assertThat(withoutRefresh.scopes()).isEmpty();
        assertThat(TOKENS.canRefresh()).isTrue();
    }

    @Test
    void versionsAndTokenComparison() {
        TokenSet stored = TOKENS.withVersion(7);

        assertThat(TOKENS.version()).isZero();
        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored.sameTokensAs(TOKENS)).isTrue();
        assertThat(stored.sameTokensAs(TokenSet.issued("access-secret-AAA", "other", EXPIRES, Set.of()))).isFalse();
        assertThat(stored.sameTokensAs(null)).isFalse();
        assertThatThrownBy(() -> TOKENS.withVersion(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopesAreCopied() {
        Set<String> scopes = new java.util.HashSet<>(Set.of("tweet.read"));
        TokenSet tokens = TokenSet.issued("a", "r", EXPIRES, scopes);
        scopes.add("tweet.write");

        assertThat(tokens.scopes()).containsExactly("tweet.read");
    }

    @Test
    void aTokenWithoutExpiryNeverNeedsRefresh() {
        TokenSet forever = TokenSet.issued("access", null, null, Set.of());

        assertThat(forever.expiresAt()).isNull();
        assertThat(forever.expiry()).isEmpty();
        assertThat(forever.needsRefresh(Instant.MAX)).isFalse();
        assertThat(forever.needsRefresh(EXPIRES, Duration.ZERO)).isFalse();
        assertThat(forever.canRefresh()).isFalse();
        assertThat(forever.toString()).contains("expiresAt=never").contains("refreshToken=none");
    }

    @Test
    void thePluginsExtraStateIsKeptHiddenAndCompared() {
        TokenSet withKey = TOKENS.withExtra("{\"dpop\":\"private-key-CCC\"}");

        assertThat(withKey.pluginState()).contains("{\"dpop\":\"private-key-CCC\"}");
        assertThat(withKey.extra()).isEqualTo(withKey.pluginState().orElseThrow());
        assertThat(withKey.toString()).doesNotContain("private-key-CCC").contains("extra=***");
        assertThat(TOKENS.toString()).contains("extra=none");
        assertThat(TOKENS.pluginState()).isEmpty();
        assertThat(withKey.sameTokensAs(TOKENS)).as("a different extra is different credentials").isFalse();
        assertThat(withKey.sameTokensAs(withKey.withVersion(3))).isTrue();
        assertThat(withKey.withVersion(3).extra()).isEqualTo(withKey.extra());
        assertThat(TOKENS.withExtra("").extra()).isNull();
        assertThat(new TokenSet("a", "r", null, Set.of(), "state", 2)).satisfies(t -> {
            assertThat(t.extra()).isEqualTo("state");
            assertThat(t.version()).isEqualTo(2);
        });
        assertThat(new TokenSet("a", "r", null, Set.of(), 2).extra()).isNull();
    }

    @Test
    void aBlankAccessTokenIsRefused() {
        assertThatThrownBy(() -> TokenSet.issued(" ", null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenSet.issued(null, null, null, null)).isInstanceOf(NullPointerException.class);
    }
}
