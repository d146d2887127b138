package dev.outpost.cli.runtime;

import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.TokenPair;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The X sandbox started inside this process for {@code --sandbox}: Outpost talks to it over loopback HTTP exactly as
 * it would to X, with its own data directory so sandbox accounts never mix with real ones.
 */
public final class EmbeddedSandbox implements AutoCloseable {
    /** The sandbox's data lives here, under Outpost's home. */
    public static final String DIRECTORY = "sandbox";

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

    /**
     * The configuration pointed at this sandbox: its URLs and app, H2 storage under {@code <home>/sandbox}, and no
     * database settings of the real setup (a sandbox run must never write to the real database).
     */
    public OutpostConfig configure(OutpostConfig real) {
        Map<String, String> values = new TreeMap<>(real.values());
        values.keySet().removeIf(key -> key.startsWith("OUTPOST_JDBC") || key.startsWith("OUTPOST_DB")
                || key.startsWith("OUTPOST_POSTGRES"));
        values.put(ConfigKeys.X_API_URL, sandbox.baseUrl());
        values.put(ConfigKeys.X_AUTHORIZE_URL, sandbox.authorizeUrl());
        values.put(ConfigKeys.X_WEB_URL, sandbox.baseUrl());
        values.put(ConfigKeys.X_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_ID);
        values.put(ConfigKeys.X_CLIENT_SECRET, SandboxConfig.DEFAULT_CLIENT_SECRET);
        values.put(OutpostConfig.STORAGE, "h2");
        return OutpostConfig.of(real.dataDirectory().resolve(DIRECTORY), values);
    }

    /** Lets the sandbox's app redirect to this loopback callback (X wants every redirect URI registered). */
    public synchronized void allowRedirect(URI redirectUri) {
        redirectUris.add(redirectUri.toString());
        sandbox.registerClient(SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET,
                redirectUris.toArray(String[]::new));
    }

    /** Fresh tokens for the sandbox's default user: the throwaway account every {@code --sandbox} run posts as. */
    public TokenSet throwawayTokens(Clock clock) {
        TokenPair pair = sandbox.issueTokens();
        Set<String> scopes = pair.scope() == null ? XSandbox.DEFAULT_SCOPES
                : new LinkedHashSet<>(Arrays.asList(pair.scope().trim().split("\\s+")));
        return TokenSet.issued(pair.accessToken(), pair.refreshToken(),
                clock.instant().plusSeconds(pair.expiresInSeconds()), scopes);
    }

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
