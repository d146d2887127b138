package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.xsandbox.SandboxUser;
import dev.outpost.xsandbox.TokenPair;
import dev.outpost.xsandbox.XSandbox;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens made elsewhere, imported as {@code outpost accounts import x} takes them, and the callback's edge cases. */
class XAuthorizerImportSandboxTest {
    private static Sandbox sandbox;
    private static Authorizer authorizer;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        authorizer = new XPlatformPlugin().authorizer(sandbox.context());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void importedTokensConnectTheAccountTheyBelongTo() {
        TokenPair pair = sandbox.x.issueTokens();

        Connection connection = authorizer.importCredentials(Map.of("access-token", pair.accessToken(),
                "refresh-token", pair.refreshToken(), "expires-in", "3600", "scope", "tweet.read,users.read"));

        assertThat(connection.localId()).isEqualTo(SandboxUser.DEFAULT.id());
        assertThat(connection.user().handle()).isEqualTo(SandboxUser.DEFAULT.username());
        assertThat(connection.server()).isNull();
        assertThat(connection.credentials().accessToken()).isEqualTo(pair.accessToken());
        assertThat(connection.credentials().refreshToken()).isEqualTo(pair.refreshToken());
        assertThat(connection.credentials().expiresAt()).isEqualTo(sandbox.clock.instant().plusSeconds(3600));
        assertThat(connection.credentials().scopes()).containsExactlyInAnyOrder("tweet.read", "users.read");
    }

    @Test
    void importedTokensDefaultToTwoHoursAndOutpostsScopes() {
        TokenPair pair = sandbox.x.issueTokens();

        Connection connection = authorizer.importCredentials(Map.of("access-token", " " + pair.accessToken() + "\n"));

        assertThat(connection.credentials().accessToken()).isEqualTo(pair.accessToken());
        assertThat(connection.credentials().canRefresh()).isFalse();
        assertThat(connection.credentials().expiresAt()).isEqualTo(sandbox.clock.instant().plusSeconds(7200));
        assertThat(connection.credentials().scopes()).isEqualTo(XSandbox.DEFAULT_SCOPES);
    }

    @Test
    void whatTheUserTypedWrongIsNamedNeverEchoed() {
        String wrong = "bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ";

        assertThatThrownBy(() -> authorizer.importCredentials(Map.of("access-token", wrong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("access-token:")
                .hasMessageNotContaining(wrong);
        assertThatThrownBy(() -> authorizer.importCredentials(Map.of("access-token", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("access-token:");
        assertThatThrownBy(() -> authorizer.importCredentials(Map.of("access-token", "t", "expires-in", "2h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expires-in:");
        assertThatThrownBy(() -> authorizer.importCredentials(Map.of("access-token", "t", "expires-in", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expires-in:");
    }

    @Test
    void aCallbackWithoutACodeIsRefused() {
        PendingAuthorization pending = PendingAuthorization.start("x", sandbox.redirectUri(), "test",
                sandbox.clock.instant(), new SecureRandom());

        assertThatThrownBy(() -> authorizer.complete(pending, Map.of("state", pending.state())))
                .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageContaining("authorization code");
    }
}
