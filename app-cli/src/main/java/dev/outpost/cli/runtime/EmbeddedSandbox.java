package dev.outpost.cli.runtime;

import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.TokenPair;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sandbox started inside this process for {@code --sandbox}: Outpost talks to it over loopback HTTP exactly as it
 * would to the platform it emulates, with its own data directory so sandbox accounts never mix with real ones.
 *
 * <p>This class and {@code outpost sandbox} are the command line's only glue to one platform: the sandbox module
 * emulates that platform's API, so pointing its plugin at the sandbox takes the plugin's own setting keys and the
 * field keys of its credential import. Every command reaches the platform through the use cases alone.
 */
public final class EmbeddedSandbox implements AutoCloseable {
    /** The sandbox's data lives here, under Outpost's home. */
    public static final String DIRECTORY = "sandbox";
    /** The id of the platform plugin the sandbox emulates. */
    public static final String PLATFORM = "x";
    /** That plugin's settings which point it at a sandbox. */
    public static final String API_URL = "OUTPOST_X_API_URL";
    public static final String AUTHORIZE_URL = "OUTPOST_X_AUTHORIZE_URL";
    /** Where post links point (the sandbox serves its own post pages). */
    public static final String WEB_URL = "OUTPOST_X_WEB_URL";
    public static final String CLIENT_ID = "OUTPOST_X_CLIENT_ID";
    public static final String CLIENT_SECRET = "OUTPOST_X_CLIENT_SECRET";

    private final XSandbox sandbox;
    private final Set<String> redirectUris = new LinkedHashSet<>();

    private EmbeddedSandbox(XSandbox sandbox) {
        this.sandbox = sandbox;
        redirectUris.add(SandboxConfig.DEFAULT_REDIRECT_URI);
    }

    /** Starts a sandbox on a free loopback port; its consent page approves at once, there is nobody to ask. */
    public static EmbeddedSandbox start(Clock clock) {
        return new EmbeddedSandbox(XSandbox.start(SandboxConfig.builder().port(0).clock(clock).autoApprove(true)
                .build()));
    }

    /** The settings that point the platform's plugin (or any client) at a sandbox serving at {@code baseUrl}. */
    public static Map<String, String> settings(XSandbox sandbox) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(API_URL, sandbox.baseUrl());
        values.put(AUTHORIZE_URL, sandbox.authorizeUrl());
        values.put(WEB_URL, sandbox.baseUrl());
        values.put(CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_ID);
        values.put(CLIENT_SECRET, SandboxConfig.DEFAULT_CLIENT_SECRET);
        return values;
    }

    /**
     * The configuration pointed at this sandbox: its URLs and app, the embedded storage under {@code <home>/sandbox}, and no
     * database settings of the real setup (a sandbox run must never write to the real database).
     */
    public OutpostConfig configure(OutpostConfig real) {
        Map<String, String> values = new TreeMap<>(real.values());
        values.keySet().removeIf(key -> key.startsWith("OUTPOST_JDBC") || key.startsWith("OUTPOST_DB")
                || key.startsWith("OUTPOST_POSTGRES"));
        values.putAll(settings(sandbox));
        values.put(OutpostConfig.STORAGE, OutpostConfig.DEFAULT_STORAGE);
        return OutpostConfig.of(real.dataDirectory().resolve(DIRECTORY), values);
    }

    /** Lets the sandbox's app redirect to this loopback callback (the platform wants every redirect URI registered). */
    public synchronized void allowRedirect(URI redirectUri) {
        redirectUris.add(redirectUri.toString());
        sandbox.registerClient(SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET,
                redirectUris.toArray(String[]::new));
    }

    /**
     * Fresh credentials of the sandbox's default user, as the fields of the plugin's credential import: the throwaway
     * account every {@code --sandbox} run posts as.
     */
    public Map<String, String> throwawayCredentials() {
        TokenPair pair = sandbox.issueTokens();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("access-token", pair.accessToken());
        if (pair.refreshToken() != null) {
            fields.put("refresh-token", pair.refreshToken());
        }
        fields.put("expires-in", Long.toString(pair.expiresInSeconds()));
        if (pair.scope() != null && !pair.scope().isBlank()) {
            fields.put("scope", pair.scope().trim());
        }
        return fields;
    }

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
