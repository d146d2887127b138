package dev.outpost.cli.runtime;

/**
 * The configuration keys the command line reads itself; the plugins read theirs from the same map (and the embedded
 * sandbox sets its platform's, see {@link EmbeddedSandbox}).
 */
public final class ConfigKeys {
    /** How long a worker's claim on a publication holds without a heartbeat; a killed run frees it after this. */
    public static final String CLAIM_LEASE_SECONDS = "OUTPOST_CLAIM_LEASE_SECONDS";

    /**
     * The port {@code accounts add} listens on for a browser sign-in unless told otherwise: the redirect URI to
     * register with an app on a platform that signs in through the browser.
     */
    public static final int DEFAULT_CALLBACK_PORT = 8765;

    private ConfigKeys() {
    }

    public static String redirectUri(int port) {
        return "http://127.0.0.1:" + port + "/callback";
    }
}
