package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.ports.platform.SignInField;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.fake.Operation;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Connecting accounts by whatever method each shape of platform prefers; the core's checks of a redirect's state. */
class ConnectAccountTest {
    private static final URI REDIRECT = Engine.REDIRECT;

    static Stream<Shape> redirectShapes() {
        return Scenarios.shapes().filter(s -> preferred(Engine.start(s)).redirect());
    }

    static Stream<Shape> formShapes() {
        return Scenarios.shapes().filter(s -> !preferred(Engine.start(s)).redirect());
    }

    private static SignInMethod preferred(Engine engine) {
        return engine.core.connectAccount().methods(engine.platformId()).get(0);
    }

    private static ConnectAccount.Started.Redirect begin(Engine engine, String owner) {
        return (ConnectAccount.Started.Redirect) engine.core.connectAccount().start(engine.platformId(), null,
                engine.platform.signInFields(), REDIRECT, owner);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("connecting by the preferred method stores the account, its server and its credentials")
    void connectingStoresTheAccountAndItsCredentials(Shape shape) {
        Engine engine = Engine.start(shape);

        Account account = engine.connect();

        assertThat(account.id().platformId()).isEqualTo(engine.platformId());
        assertThat(account.handle()).isEqualTo(engine.platform.defaultUser().handle());
        assertThat(account.status()).isEqualTo(AccountStatus.CONNECTED);
        assertThat(engine.core.accounts().find(account.id())).contains(account);
        assertThat(engine.stores.tokens().find(account.id())).isPresent();
        assertThat(engine.core.accounts().choose("@" + account.handle())).isEqualTo(account);
    }

    @ParameterizedTest
    @MethodSource("redirectShapes")
    @DisplayName("a redirect carries the state and an S256 challenge for the redirect URI")
    void theRedirectCarriesStateAndChallenge(Shape shape) {
        Engine engine = Engine.start(shape);

        ConnectAccount.Started.Redirect started = begin(engine, "s");

        Map<String, String> query = Engine.query(started.authorizationUrl());
        assertThat(query).containsEntry("code_challenge_method", "S256").containsEntry("state", started.state())
                .containsEntry("redirect_uri", REDIRECT.toString()).containsKey("code_challenge");
    }

    @ParameterizedTest
    @MethodSource("redirectShapes")
    @DisplayName("a redirect's state is usable once")
    void aStateIsUsableOnce(Shape shape) {
        Engine engine = Engine.start(shape);
        ConnectAccount.Started.Redirect started = begin(engine, "s");
        Map<String, String> callback = Engine.query(engine.platform.approve(started.authorizationUrl()));
        engine.core.connectAccount().complete(callback, "s");

        assertThatThrownBy(() -> engine.core.connectAccount().complete(callback, "s"))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(Problem::field).containsExactly("state");
                });
        assertThat(engine.platform.count(Operation.EXCHANGE)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("redirectShapes")
    @DisplayName("a forged state is refused without calling the platform")
    void aForgedStateIsRefusedWithoutCallingThePlatform(Shape shape) {
        Engine engine = Engine.start(shape);
        begin(engine, "s");

        assertThatThrownBy(() -> engine.core.connectAccount().complete(Map.of("state",
                "forged-state-forged-state-forged", "code", "code"), "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("unknown");
        assertThat(engine.platform.count(Operation.EXCHANGE)).isZero();
    }

    @ParameterizedTest
    @MethodSource("redirectShapes")
    @DisplayName("a state started by another session is refused")
    void aStateFromAnotherSessionIsRefused(Shape shape) {
        Engine engine = Engine.start(shape);
        ConnectAccount.Started.Redirect started = begin(engine, "victim");
        Map<String, String> callback = Engine.query(engine.platform.approve(started.authorizationUrl()));

        assertThatThrownBy(() -> engine.core.connectAccount().complete(callback, "attacker"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("started elsewhere");
        assertThat(engine.platform.count(Operation.EXCHANGE)).isZero();
    }

    @ParameterizedTest
    @MethodSource("redirectShapes")
    @DisplayName("an expired state is refused; a cancelled consent says so")
    void anExpiredStateOrACancelledConsentIsRefused(Shape shape) {
        Engine engine = Engine.start(shape);
        ConnectAccount.Started.Redirect started = begin(engine, "s");
        Map<String, String> callback = Engine.query(engine.platform.approve(started.authorizationUrl()));
        engine.clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> engine.core.connectAccount().complete(callback, "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("expired");

        ConnectAccount.Started.Redirect again = begin(engine, "s");
        assertThatThrownBy(() -> engine.core.connectAccount().complete(Map.of("state", again.state(), "error",
                "access_denied"), "s")).isInstanceOf(OutpostException.class).hasMessageContaining("access_denied");
    }

    @ParameterizedTest
    @MethodSource("formShapes")
    @DisplayName("a form method connects at once, and a missing field is named")
    void aFormConnectsAtOnceAndNamesAMissingField(Shape shape) {
        Engine engine = Engine.start(shape);
        SignInMethod method = preferred(engine);
        SignInField required = method.fields().stream().filter(SignInField::required).findFirst().orElseThrow();
        Map<String, String> missing = new HashMap<>(engine.platform.signInFields());
        missing.remove(required.key());

        assertThatThrownBy(() -> engine.core.connectAccount().start(engine.platformId(), method.id(), missing,
                REDIRECT, "cli")).isInstanceOfSatisfying(OutpostException.class, e ->
                        assertThat(e.problems()).extracting(Problem::field).containsExactly(required.key()));

        ConnectAccount.Started started = engine.core.connectAccount().start(engine.platformId(), method.id(),
                engine.platform.signInFields(), REDIRECT, "cli");
        assertThat(started).isInstanceOf(ConnectAccount.Started.Connected.class);
        assertThat(engine.stores.pendingAuthorizations().take("anything-anything-anything", engine.clock.instant()))
                .isEmpty();
    }

    @Test
    @DisplayName("a platform of many servers registers its client once per server and keeps it")
    void aClientIsRegisteredOncePerServer() {
        Engine engine = Engine.start(Shape.ONE_REQUEST_POLLED);

        Account first = engine.connect("one");
        engine.core.connectAccount().disconnect(first.id());
        Account second = engine.connect("two");

        assertThat(engine.platform.count(Operation.REGISTER_CLIENT)).isEqualTo(1);
        assertThat(second.server()).isNotNull();
        assertThat(second.id().value()).contains(second.server().getHost());
    }

    @Test
    @DisplayName("an unknown platform names the known ones")
    void anUnknownPlatformNamesTheKnownOnes() {
        Engine engine = Engine.start(Shape.PARTS_WITH_HINTS);

        assertThatThrownBy(() -> engine.core.connectAccount().start("myspace", null, Map.of(), REDIRECT, "s"))
                .isInstanceOf(OutpostException.class).hasMessageContaining("myspace")
                .hasMessageContaining(engine.platformId());
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("disconnecting revokes at the platform and forgets the account and its credentials")
    void disconnectRevokesAndForgets(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();

        assertThat(engine.core.connectAccount().disconnect(account.id())).isTrue();

        assertThat(engine.platform.count(Operation.REVOKE)).isPositive();
        assertThat(engine.core.accounts().find(account.id())).isEmpty();
        assertThat(engine.stores.tokens().find(account.id())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("connecting again clears 'reconnect needed' and keeps the account's id")
    void reconnectingClearsReconnectNeeded(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.stores.accounts().updateStatus(account.id(), AccountStatus.NEEDS_RECONNECT);

        Account again = engine.connect();

        assertThat(again.id()).isEqualTo(account.id());
        assertThat(engine.core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.CONNECTED);
    }
}
