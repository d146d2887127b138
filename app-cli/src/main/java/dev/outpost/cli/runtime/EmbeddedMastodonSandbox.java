package dev.outpost.cli.runtime;

import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxConfig;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Mastodon server started inside this process for {@code --sandbox}, beside the X sandbox of
 * {@link EmbeddedSandbox}: the throwaway account is the emulated server's default user, imported through the Mastodon
 * plugin's own import fields (a server and a token). The plugin needs no setting to reach it: loopback servers may
 * use plain HTTP, and the server is named by the account itself.
 */
public final class EmbeddedMastodonSandbox implements AutoCloseable {
    /** The id of the platform plugin this sandbox emulates. */
    public static final String PLATFORM = "mastodon";
    /** That plugin's import fields. */
    static final String SERVER_FIELD = "server";
    static final String TOKEN_FIELD = "access-token";

    private final MastodonSandbox sandbox;

    private EmbeddedMastodonSandbox(MastodonSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts the server on a free loopback port; its consent page approves at once, there is nobody to ask. */
    public static EmbeddedMastodonSandbox start(Clock clock) {
        return new EmbeddedMastodonSandbox(MastodonSandbox.start(SandboxConfig.builder().port(0).clock(clock)
                .autoApprove(true).build()));
    }

    /** The fields of the plugin's credential import for a fresh token of the server's default user. */
    public Map<String, String> throwawayCredentials() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(SERVER_FIELD, sandbox.baseUrl());
        fields.put(TOKEN_FIELD, sandbox.issueToken());
        return fields;
    }

    /** Whether an account's server is this sandbox (an earlier run's sandbox served on another port). */
    public boolean serves(URI server) {
        return server != null && URI.create(sandbox.baseUrl()).getAuthority().equals(server.getAuthority());
    }

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    /** The emulated server itself, for tests that read back what was posted. */
    public MastodonSandbox server() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
