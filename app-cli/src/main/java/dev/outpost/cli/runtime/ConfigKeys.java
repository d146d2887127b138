package dev.outpost.cli.runtime;

/** The configuration keys the command line reads or sets itself; the plugins read theirs from the same map. */
public final class ConfigKeys {
    public static final String X_CLIENT_ID = "OUTPOST_X_CLIENT_ID";
    public static final String X_CLIENT_SECRET = "OUTPOST_X_CLIENT_SECRET";
    public static final String X_API_URL = "OUTPOST_X_API_URL";
    public static final String X_AUTHORIZE_URL = "OUTPOST_X_AUTHORIZE_URL";
    /** Where post links point (https://x.com by default; the sandbox serves its own post pages). */
    public static final String X_WEB_URL = "OUTPOST_X_WEB_URL";
    /** How long a worker's claim on a publication holds without a heartbeat; a killed run frees it after this. */
    public static final String CLAIM_LEASE_SECONDS = "OUTPOST_CLAIM_LEASE_SECONDS";

    /** The port {@code accounts add} listens on unless told otherwise; the redirect URI to register with X. */
    public static final int DEFAULT_CALLBACK_PORT = 8765;

    private ConfigKeys() {
    }

    public static String redirectUri(int port) {
        return "http://127.0.0.1:" + port + "/callback";
    }
}
