package dev.outpost.cli.runtime;

import dev.outpost.blueskysandbox.BlueskySandbox;
import dev.outpost.blueskysandbox.SandboxConfig;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Bluesky server (a PDS, its PLC directory and the video service) started inside this process for
 * {@code --sandbox}, beside the X sandbox of {@link EmbeddedSandbox}: a throwaway account with an app password is made
 * on it and connected through the Bluesky plugin's own app-password sign-in, naming the server so that no handle is
 * looked up anywhere. The plugin's settings point its directory, video service and post links at the sandbox.
 */
public final class EmbeddedBlueskySandbox implements AutoCloseable {
    /** The id of the platform plugin this sandbox emulates. */
    public static final String PLATFORM = "bluesky";
    /** The throwaway account's handle (a {@code .test} handle, like the real PDS's in development). */
    public static final String HANDLE = "alice.test";
    /** That plugin's sign-in method and fields. */
    static final String METHOD = "app-password";
    static final String HANDLE_FIELD = "handle";
    static final String APP_PASSWORD_FIELD = "app-password";
    static final String SERVICE_FIELD = "service";

    private final BlueskySandbox sandbox;
    private final String appPassword;

    private EmbeddedBlueskySandbox(BlueskySandbox sandbox) {
        this.sandbox = sandbox;
        this.appPassword = sandbox.createAccount(HANDLE, java.util.UUID.randomUUID().toString()).get("appPassword");
    }

    /** Starts the server on a free loopback port with its throwaway account. */
    public static EmbeddedBlueskySandbox start(Clock clock) {
        return new EmbeddedBlueskySandbox(BlueskySandbox.start(SandboxConfig.builder().port(0).clock(clock).build()));
    }

    /**
     * The plugin's settings that point it at this sandbox: the PLC directory and the video service are the sandbox's,
     * post links open its post pages, and handles are resolved by the server alone (nothing leaves loopback).
     */
    public Map<String, String> settings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("OUTPOST_BLUESKY_PLC_URL", sandbox.baseUrl());
        values.put("OUTPOST_BLUESKY_VIDEO_SERVICE_URL", sandbox.baseUrl());
        values.put("OUTPOST_BLUESKY_VIDEO_SERVICE_DID", sandbox.serviceDid());
        values.put("OUTPOST_BLUESKY_WEB_URL", sandbox.baseUrl());
        values.put("OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE", "false");
        return values;
    }

    /** The fields of the plugin's app-password sign-in for the throwaway account. */
    public Map<String, String> throwawaySignIn() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(HANDLE_FIELD, HANDLE);
        fields.put(APP_PASSWORD_FIELD, appPassword);
        fields.put(SERVICE_FIELD, sandbox.baseUrl());
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
    public BlueskySandbox server() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
