package dev.outpost.web;

import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether this run talks to real X or to an embedded X sandbox. Without {@code OUTPOST_X_CLIENT_ID} there is no X
 * app to talk as, so the sandbox starts on loopback and the app keeps its data in {@code <home>/sandbox}: sandbox
 * accounts and posts never mix with real ones.
 *
 * <p>In sandbox mode a Mastodon server emulator starts beside it ({@code mastodon-sandbox}, on another loopback port),
 * so a Mastodon account can be tried too: the accounts page suggests its address as the server to connect. A Bluesky
 * server emulator ({@code bluesky-sandbox}) starts too, with a throwaway account whose handle, server and app
 * password the pages offer.
 *
 * @param sandbox the embedded sandbox, or null against real X
 * @param mastodon the embedded Mastodon server in sandbox mode, else null
 * @param bluesky the embedded Bluesky server in sandbox mode, else null
 * @param settings the configuration the plugins see (in sandbox mode pointing X's URLs at the sandbox)
 * @param dataDirectory where storage, uploads and keys live for this mode
 */
record XMode(XSandbox sandbox, Map<String, String> settings, Path dataDirectory, MastodonSandbox mastodon,
        BlueskySandboxes bluesky) implements AutoCloseable {
    static final String X_CLIENT_ID = "OUTPOST_X_CLIENT_ID";
    static final String SANDBOX_PORT = "OUTPOST_SANDBOX_PORT";

    XMode {
        settings = Map.copyOf(settings);
    }

    static XMode choose(OutpostConfig config) {
        if (config.get(X_CLIENT_ID).isPresent()) {
            return new XMode(null, config.values(), config.dataDirectory(), null, null);
        }
        String storage = config.storageId();
        if (!storage.equals(OutpostConfig.DEFAULT_STORAGE) && !storage.equals("h2")) {
            throw new IllegalArgumentException("no X app is configured (" + X_CLIENT_ID + "), so Outpost would run"
                    + " against its X sandbox, which keeps its data in the embedded database under "
                    + config.dataDirectory()
                    .resolve("sandbox") + "; unset OUTPOST_STORAGE (now '" + storage + "') or configure X");
        }
        Path data = config.dataDirectory().resolve("sandbox");
        try {
            // Sandbox accounts' tokens and posts live here: the user's alone, like the rest of the home.
            PrivateFiles.folder(data);
            PrivateFiles.folder(data.resolve("x-spool"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create the sandbox's data folder " + data + ": " + e.getMessage(),
                    e);
        }
        int port = Integer.parseInt(config.get(SANDBOX_PORT, "0").strip());
        XSandbox sandbox = XSandbox.start(SandboxConfig.builder()
                .host("127.0.0.1")
                .port(port)
                .autoApprove(false)
                .spoolDirectory(data.resolve("x-spool"))
                .build());
        Map<String, String> settings = new TreeMap<>(config.values());
        settings.put(X_CLIENT_ID, sandbox.defaultClient().clientId());
        settings.put("OUTPOST_X_CLIENT_SECRET", SandboxConfig.DEFAULT_CLIENT_SECRET);
        settings.put("OUTPOST_X_API_URL", sandbox.baseUrl());
        settings.put("OUTPOST_X_AUTHORIZE_URL", sandbox.authorizeUrl());
        // Post links open the sandbox's own post page: the posts exist nowhere else.
        settings.put("OUTPOST_X_WEB_URL", sandbox.baseUrl());
        BlueskySandboxes bluesky = BlueskySandboxes.start(port);
        return new XMode(sandbox, bluesky.configure(settings), data, MastodonSandboxes.start(port), bluesky);
    }

    boolean isSandbox() {
        return sandbox != null;
    }

    /** The sandbox banner's text, as HTML (the sandbox's address escaped). */
    String noticeHtml() {
        return "No X app is configured, so Outpost talks to its built-in X sandbox at " + Html.esc(sandbox.baseUrl())
                + ": nothing is posted to the real X. Set <code>" + X_CLIENT_ID + "</code> (and"
                + " <code>OUTPOST_X_CLIENT_SECRET</code>) to publish for real."
                + (mastodon == null ? "" : " A Mastodon sandbox server runs at " + Html.esc(mastodon.baseUrl())
                        + ": connect it on the accounts page to try Mastodon.")
                + (bluesky == null ? "" : bluesky.noticeHtml());
    }

    /** What the start-up line adds about the mode. */
    String startupNote() {
        return isSandbox() ? " in sandbox mode (no X app configured; posts go to the built-in X sandbox)" : "";
    }

    /** How health checks name the mode. */
    String label() {
        return isSandbox() ? "sandbox" : "x";
    }

    /** Lets the sandbox's app send the browser back to these callbacks. */
    void allowCallbacks(java.util.List<URI> callbacks) {
        if (sandbox != null) {
            String[] uris = new String[callbacks.size() + 1];
            for (int i = 0; i < callbacks.size(); i++) {
                uris[i] = callbacks.get(i).toString();
            }
            uris[callbacks.size()] = SandboxConfig.DEFAULT_REDIRECT_URI;
            sandbox.registerClient(sandbox.defaultClient().clientId(), SandboxConfig.DEFAULT_CLIENT_SECRET, uris);
        }
    }

    Optional<XSandbox> embeddedSandbox() {
        return Optional.ofNullable(sandbox);
    }

    /**
     * Field values the accounts page suggests per platform: the Mastodon sandbox's address as the server, the Bluesky
     * sandbox's throwaway handle and address.
     */
    Map<String, Map<String, String>> suggestedFields() {
        Map<String, Map<String, String>> suggested = new TreeMap<>();
        if (mastodon != null) {
            suggested.put(MastodonSandboxes.PLATFORM, Map.of(MastodonSandboxes.SERVER_FIELD, mastodon.baseUrl()));
        }
        if (bluesky != null) {
            suggested.put(BlueskySandboxes.PLATFORM, bluesky.suggestedFields());
        }
        return suggested;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (mastodon != null) {
            mastodon.close();
        }
        if (bluesky != null) {
            bluesky.close();
        }
    }

    @Override
    public String toString() {
        return "XMode[" + (sandbox == null ? "x" : "sandbox " + sandbox.baseUrl()) + ", data=" + dataDirectory + "]";
    }
}
