package dev.outpost.x;

import dev.outpost.ports.platform.PlatformContext;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The X plugin's configuration, read once from {@link PlatformContext} settings. Its {@link #toString()} never shows
 * the client secret.
 *
 * @param clientId the X app's OAuth 2.0 client id, or null when not configured (only the authorizer needs it)
 * @param clientSecret null for a public client
 */
record XSettings(String clientId, String clientSecret, URI apiUrl, URI authorizeUrl, URI webUrl,
        Duration connectTimeout, Duration readTimeout, long chunkSize, boolean concurrentAppends) {
    static final String CLIENT_ID = "OUTPOST_X_CLIENT_ID";
    static final String CLIENT_SECRET = "OUTPOST_X_CLIENT_SECRET";
    static final String API_URL = "OUTPOST_X_API_URL";
    static final String AUTHORIZE_URL = "OUTPOST_X_AUTHORIZE_URL";
    /** Where posts are shown to people (the sandbox serves its own post pages). */
    static final String WEB_URL = "OUTPOST_X_WEB_URL";
    static final String CHUNK_SIZE = "OUTPOST_X_CHUNK_SIZE";
    static final String CONNECT_TIMEOUT = "OUTPOST_X_CONNECT_TIMEOUT_SECONDS";
    static final String READ_TIMEOUT = "OUTPOST_X_READ_TIMEOUT_SECONDS";
    static final String CONCURRENT_APPENDS = "OUTPOST_X_CONCURRENT_APPENDS";

    XSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(webUrl, "webUrl");
        if (chunkSize < 1) {
            throw new IllegalArgumentException(CHUNK_SIZE + " must be a positive number of bytes, not " + chunkSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("X timeouts must be positive");
        }
    }

    static XSettings from(PlatformContext context) {
        return new XSettings(context.setting(CLIENT_ID).map(String::strip).orElse(null),
                context.setting(CLIENT_SECRET).orElse(null),
                uri(context, API_URL, "https://api.x.com"),
                uri(context, AUTHORIZE_URL, "https://x.com/i/oauth2/authorize"),
                uri(context, WEB_URL, "https://x.com"),
                Duration.ofSeconds(number(context, CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(number(context, READ_TIMEOUT, 60)),
                number(context, CHUNK_SIZE, ChunkPlan.DEFAULT_CHUNK_SIZE),
                Boolean.parseBoolean(context.setting(CONCURRENT_APPENDS, "true")));
    }

    boolean isConfidential() {
        return clientSecret != null;
    }

    /** The client id, or a message that says how to get one. */
    String requireClientId() {
        if (clientId == null) {
            throw new IllegalArgumentException("""
                    X is not configured: set %s to the OAuth 2.0 Client ID of an X app. Create the app at \
                    https://developer.x.com/en/portal/dashboard, turn on "User authentication settings" with \
                    OAuth 2.0, type "Web App" (confidential: also set %s) or "Native App" (public), permissions \
                    "Read and write", and add Outpost's callback URL (the web app's /oauth/x/callback, or the CLI's \
                    http://127.0.0.1:<port>/callback) as a Callback URI exactly as Outpost shows it.""".formatted(
                    CLIENT_ID, CLIENT_SECRET));
        }
        return clientId;
    }

    private static URI uri(PlatformContext context, String key, String fallback) {
        String value = context.setting(key, fallback).strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, not '" + value + "'", e);
        }
    }

    private static long number(PlatformContext context, String key, long fallback) {
        String value = context.setting(key, Long.toString(fallback)).strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return "XSettings[clientId=" + clientId + ", confidential=" + isConfidential() + ", apiUrl=" + apiUrl
                + ", authorizeUrl=" + authorizeUrl + ", chunkSize=" + chunkSize + "]";
    }
}
