package dev.outpost.cli.it;

import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.TokenPair;
import dev.outpost.xsandbox.XSandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What an end-to-end test runs the launcher against: an X sandbox in this JVM (loopback HTTP, port 0) with a
 * registered confidential app, and an Outpost home of its own with a real H2 file.
 */
final class World implements AutoCloseable {
    static final String CLIENT_ID = "outpost-cli-tests";
    static final String CLIENT_SECRET = "cli-tests-secret-5b1f0c";

    final XSandbox x;
    final Path home;
    final int callbackPort;
    private final Map<String, String> extra = new HashMap<>();

    private World(XSandbox x, Path home, int callbackPort) {
        this.x = x;
        this.home = home;
        this.callbackPort = callbackPort;
        register();
    }

    static World start(Path home) throws IOException {
        XSandbox x = XSandbox.start(SandboxConfig.builder().autoApprove(true)
                .processingDuration(Duration.ofMillis(1500)).build());
        return new World(x, home, freePort());
    }

    /** The app's callback URI must be registered, as on X; a reset forgets it. */
    void register() {
        x.registerClient(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:" + callbackPort + "/callback");
    }

    /** Adds a setting to every later run. */
    World with(String key, String value) {
        extra.put(key, value);
        return this;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("OUTPOST_HOME", home.toString());
        env.put("OUTPOST_X_API_URL", x.baseUrl());
        env.put("OUTPOST_X_AUTHORIZE_URL", x.authorizeUrl());
        env.put("OUTPOST_X_CLIENT_ID", CLIENT_ID);
        env.put("OUTPOST_X_CLIENT_SECRET", CLIENT_SECRET);
        env.put("OUTPOST_JOB_POLL_INTERVAL", "PT1S");
        env.putAll(extra);
        return env;
    }

    Map<String, String> env(String key, String value) {
        Map<String, String> env = env();
        env.put(key, value);
        return env;
    }

    /** Tokens of the sandbox's default user for the test app, as another OAuth tool would have obtained them. */
    TokenPair tokens() {
        return x.issueTokens(CLIENT_ID, x.defaultUser().id(), XSandbox.DEFAULT_SCOPES);
    }

    /** Connects the default user by importing tokens (read from standard input, as a careful user would). */
    Launcher.Run connect() throws InterruptedException {
        TokenPair tokens = tokens();
        return Launcher.runWithInput(env(), tokens.accessToken() + "\n" + tokens.refreshToken() + "\n",
                "accounts", "import", "x", "--access-token", "-", "--refresh-token", "-", "--expires-in",
                Long.toString(tokens.expiresInSeconds()), "--json").expectExit(0);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path newHome(Path parent) throws IOException {
        return Files.createDirectories(parent.resolve("home"));
    }

    @Override
    public void close() {
        x.close();
    }
}
