package dev.outpost.web;

import dev.outpost.blueskysandbox.BlueskySandbox;
import dev.outpost.blueskysandbox.SandboxConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Starts the Bluesky server emulator of sandbox mode (a PDS, its PLC directory and the video service on one loopback
 * port) with a throwaway account and its app password. The Bluesky plugin is pointed at it through its own settings
 * (directory, video service, post links; handles resolved by the server alone, so nothing leaves loopback); the
 * person connects with the app-password form, whose handle and server the accounts page suggests.
 *
 * @param server the emulator
 * @param appPassword the throwaway account's app password, shown in the sandbox banner (it opens nothing real)
 */
record BlueskySandboxes(BlueskySandbox server, String appPassword) implements AutoCloseable {
    /** The id of the plugin it emulates, and that plugin's sign-in fields. */
    static final String PLATFORM = "bluesky";
    static final String HANDLE = "alice.test";
    static final String HANDLE_FIELD = "handle";
    static final String SERVICE_FIELD = "service";

    /**
     * @param xPort the X sandbox's configured port: 0 (any) gives any port here too, else the one after Mastodon's,
     *     so a fixed set-up stays predictable
     */
    static BlueskySandboxes start(int xPort) {
        BlueskySandbox server = BlueskySandbox.start(SandboxConfig.builder().host("127.0.0.1")
                .port(xPort == 0 ? 0 : xPort + 2).build());
        return new BlueskySandboxes(server, server.createAccount(HANDLE, UUID.randomUUID().toString())
                .get("appPassword"));
    }

    /** The plugin's settings with the sandbox's addresses added. */
    Map<String, String> configure(Map<String, String> settings) {
        Map<String, String> values = new TreeMap<>(settings);
        values.put("OUTPOST_BLUESKY_PLC_URL", server.baseUrl());
        values.put("OUTPOST_BLUESKY_VIDEO_SERVICE_URL", server.baseUrl());
        values.put("OUTPOST_BLUESKY_VIDEO_SERVICE_DID", server.serviceDid());
        // Post links open the sandbox's own post page: the posts exist nowhere else.
        values.put("OUTPOST_BLUESKY_WEB_URL", server.baseUrl());
        values.put("OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE", "false");
        return values;
    }

    /** The sign-in fields the accounts page fills in: the throwaway handle and the sandbox as its server. */
    Map<String, String> suggestedFields() {
        return Map.of(HANDLE_FIELD, HANDLE, SERVICE_FIELD, server.baseUrl());
    }

    String noticeHtml() {
        return " A Bluesky sandbox server runs at " + Html.esc(server.baseUrl()) + ": connect " + HANDLE
                + " with the app password <code>" + Html.esc(appPassword) + "</code> on the accounts page to try"
                + " Bluesky.";
    }

    @Override
    public void close() {
        server.close();
    }
}
