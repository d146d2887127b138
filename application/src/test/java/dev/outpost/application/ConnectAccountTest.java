package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.Operation;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectAccountTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

    private Engine engine;
    private ConnectAccount connect;

    @BeforeEach
    void setUp() {
        engine = Engine.start();
        connect = engine.core.connectAccount();
    }

    @Test
    void startAndCompleteStoresTheAccountAndItsTokens() {
        ConnectAccount.Started started = connect.start("fake", REDIRECT, "session-1");
        Map<String, String> callback = query(engine.platform.approve(started.authorizationUrl()));

        Account account = connect.complete(callback.get("state"), callback.get("code"), null, "session-1");

        assertThat(account.handle()).isEqualTo(FakePlatform.DEFAULT_USER.handle());
        assertThat(account.status()).isEqualTo(AccountStatus.CONNECTED);
        assertThat(engine.stores.accounts().find(account.id())).contains(account);
        assertThat(engine.stores.tokens().find(account.id())).isPresent();
        assertThat(query(started.authorizationUrl())).containsEntry("code_challenge_method", "S256")
                .containsEntry("state", started.state()).containsEntry("redirect_uri", REDIRECT.toString());
    }

    @Test
    void aStateIsUsableOnce() {
        ConnectAccount.Started started = connect.start("fake", REDIRECT, "s");
        Map<String, String> callback = query(engine.platform.approve(started.authorizationUrl()));
        connect.complete(callback.get("state"), callback.get("code"), null, "s");

        assertThatThrownBy(() -> connect.complete(callback.get("state"), callback.get("code"), null, "s"))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(Problem::field).containsExactly("state");
                });
        assertThat(engine.platform.calls(Operation.EXCHANGE)).hasSize(1);
    }

    @Test
    void aForgedStateIsRefusedWithoutCallingThePlatform() {
        connect.start("fake", REDIRECT, "s");

        assertThatThrownBy(() -> connect.complete("forged-state-forged-state-forged", "code", null, "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("unknown");
        assertThat(engine.platform.calls(Operation.EXCHANGE)).isEmpty();
    }

    @Test
    void aStateFromAnotherSessionIsRefused() {
        ConnectAccount.Started started = connect.start("fake", REDIRECT, "victim");
        Map<String, String> callback = query(engine.platform.approve(started.authorizationUrl()));

        assertThatThrownBy(() -> connect.complete(callback.get("state"), callback.get("code"), null, "attacker"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("started elsewhere");
        assertThat(engine.platform.calls(Operation.EXCHANGE)).isEmpty();
    }

    @Test
    void anExpiredStateIsRefused() {
        ConnectAccount.Started started = connect.start("fake", REDIRECT, "s");
        Map<String, String> callback = query(engine.platform.approve(started.authorizationUrl()));
        engine.clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> connect.complete(callback.get("state"), callback.get("code"), null, "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("expired");
    }

    @Test
    void aCancelledConsentSaysSo() {
        ConnectAccount.Started started = connect.start("fake", REDIRECT, "s");

        assertThatThrownBy(() -> connect.complete(started.state(), null, "access_denied", "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("access_denied");
    }

    @Test
    void anUnknownPlatformNamesTheKnownOnes() {
        assertThatThrownBy(() -> connect.start("myspace", REDIRECT, "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("myspace").hasMessageContaining("fake");
    }

    @Test
    void disconnectRevokesAndForgets() {
        Account account = engine.connect();

        assertThat(connect.disconnect(account.id())).isTrue();

        assertThat(engine.platform.calls(Operation.REVOKE)).isNotEmpty();
        assertThat(engine.stores.accounts().find(account.id())).isEmpty();
        assertThat(engine.stores.tokens().find(account.id())).isEmpty();
    }

    @Test
    void reconnectingClearsReconnectNeeded() {
        Account account = engine.connect();
        engine.stores.accounts().updateStatus(account.id(), AccountStatus.NEEDS_RECONNECT);

        Account again = engine.connect();

        assertThat(again.id()).isEqualTo(account.id());
        assertThat(engine.stores.accounts().find(account.id()).orElseThrow().status())
                .isEqualTo(AccountStatus.CONNECTED);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
