package dev.outpost.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountTest {
    private static final Instant T0 = Instant.parse("2030-02-01T08:00:00Z");

    @Test
    void anAccountIdIsThePlatformAndWhatThePluginChose() {
        AccountId plain = AccountId.of("x", "1234567890");
        AccountId federated = AccountId.of("example", "server.example:109");
        AccountId did = AccountId.of("other", "did:web:alice.example");

        assertThat(plain.platformId()).isEqualTo("x");
        assertThat(plain.localPart()).isEqualTo("1234567890");
        assertThat(federated.platformId()).isEqualTo("example");
        assertThat(federated.localPart()).isEqualTo("server.example:109");
        assertThat(did.localPart()).isEqualTo("did:web:alice.example");
        assertThat(did).hasToString("other:did:web:alice.example");
        assertThat(new AccountId("bare").localPart()).isEmpty();
        assertThatThrownBy(() -> new AccountId(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccountKnowsItsServerWhenItsPlatformHasMany() {
        URI server = URI.create("https://server.example");
        Account federated = new Account(AccountId.of("example", "server.example:109"), "109", "alice", null, server,
                AccountStatus.CONNECTED, T0);
        Account single = new Account(AccountId.of("x", "1"), "1", "bob", "Bob", AccountStatus.CONNECTED, T0);

        assertThat(federated.home()).contains(server);
        assertThat(federated.displayName()).isEqualTo("alice");
        assertThat(federated.platformId()).isEqualTo("example");
        assertThat(single.home()).isEmpty();
        assertThat(single.server()).isNull();
        assertThat(federated.withStatus(AccountStatus.NEEDS_RECONNECT)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
            assertThat(a.server()).isEqualTo(server);
        });
    }

    @Test
    void aPendingAuthorizationCarriesThePluginsStateHidden() {
        PendingAuthorization pending = PendingAuthorization.start("example", URI.create("http://127.0.0.1/cb"),
                "session-1", T0, new SecureRandom());

        PendingAuthorization withState = pending.withPluginState("{\"server\":\"https://server.example\"}");

        assertThat(pending.pluginState()).isNull();
        assertThat(withState.pluginState()).contains("server.example");
        assertThat(withState.state()).isEqualTo(pending.state());
        assertThat(withState.verifier()).isEqualTo(pending.verifier());
        assertThat(withState.toString()).doesNotContain("server.example").doesNotContain(pending.state());
        assertThat(pending.withPluginState("").pluginState()).isNull();
        assertThat(pending.isExpiredAt(T0.plus(PendingAuthorization.DEFAULT_LIFETIME))).isTrue();
    }
}
