package dev.outpost.bluesky;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.platform.fake.InMemoryVault;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The Bluesky plugin as the apps would build it, pointed at a test server, with helpers to connect accounts. */
final class Plugin {
    final BlueskyPlatformPlugin plugin = new BlueskyPlatformPlugin();
    final PlatformContext context;
    final BlueskyServer server;

    Plugin(BlueskyServer server, Map<String, String> extraSettings) {
        this.server = server;
        Map<String, String> settings = new HashMap<>();
        settings.put(BlueskySettings.VIDEO_SERVICE_URL, "none");
        settings.put(BlueskySettings.READ_TIMEOUT, "20");
        // Nothing but the test's own servers: its PLC directory, no DNS, no handles' web servers.
        settings.put(BlueskySettings.PLC_URL, server.plcUrl().toString());
        settings.put(BlueskySettings.RESOLVE_HANDLES_ONLINE, "false");
        settings.putAll(extraSettings);
        this.context = new PlatformContext(settings, Clock.systemUTC(), new InMemoryVault());
    }

    Plugin(BlueskyServer server) {
        this(server, Map.of());
    }

    Authorizer authorizer() {
        return plugin.authorizer(context);
    }

    MediaTransport transport() {
        return plugin.mediaTransport(context);
    }

    PostPublisher publisher() {
        return plugin.postPublisher(context);
    }

    /** The fields a user types to sign in at this server with an app password. */
    Map<String, String> fields(BlueskyServer.TestAccount account) {
        return Map.of("handle", account.handle(), "app-password", account.appPassword(), "service",
                server.url().toString());
    }

    /** Signs a new account in with its app password, as the core would connect it. */
    AccountAccess connect(String name) {
        return connect(server.createAccount(name));
    }

    AccountAccess connect(BlueskyServer.TestAccount account) {
        SignInStart start = authorizer().begin(BlueskyAuthorizer.APP_PASSWORD, fields(account), pending());
        return access(((SignInStart.Connected) start).connection());
    }

    static AccountAccess access(Connection connection) {
        Account account = new Account(AccountId.of("bluesky", connection.localId()), connection.user().id(),
                connection.user().handle(), connection.user().name(), connection.server(), AccountStatus.CONNECTED,
                Instant.now());
        return new AccountAccess(account, connection.credentials());
    }

    static AccountAccess with(AccountAccess access, TokenSet credentials) {
        return new AccountAccess(access.account(), credentials);
    }

    static PendingAuthorization pending() {
        return PendingAuthorization.start("bluesky", URI.create("http://127.0.0.1:8765/callback"), "test",
                Instant.now(), new SecureRandom());
    }
}
