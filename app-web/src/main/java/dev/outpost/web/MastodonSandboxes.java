package dev.outpost.web;

import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxConfig;

/**
 * Starts the Mastodon server emulator of sandbox mode. The Mastodon plugin needs no setting to reach it (loopback
 * servers may use plain HTTP, and the server is what the person types when connecting), so the web app only offers its
 * address; its consent page approves by itself, there being no Mastodon user to ask.
 */
final class MastodonSandboxes {
    /** The id of the plugin it emulates, and that plugin's sign-in field for the server. */
    static final String PLATFORM = "mastodon";
    static final String SERVER_FIELD = "server";

    private MastodonSandboxes() {
    }

    /**
     * @param xPort the X sandbox's configured port: 0 (any) gives any port here too, else the next one, so a fixed
     *     set-up stays predictable
     */
    static MastodonSandbox start(int xPort) {
        return MastodonSandbox.start(SandboxConfig.builder().host("127.0.0.1").port(xPort == 0 ? 0 : xPort + 1)
                .autoApprove(true).build());
    }
}
