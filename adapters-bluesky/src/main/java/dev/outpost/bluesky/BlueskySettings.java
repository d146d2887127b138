package dev.outpost.bluesky;

import dev.outpost.ports.platform.PlatformContext;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Bluesky plugin's configuration, read once from the {@link PlatformContext}'s settings. None is secret.
 *
 * @param plcUrl the PLC directory that resolves {@code did:plc} identities
 * @param videoService the video service, or null ({@code none}) to upload videos to the PDS as plain blobs
 * @param videoServiceDid the service's DID, the audience of the tokens it takes
 * @param webUrl where posts are shown to people ({@code <webUrl>/profile/<handle>/post/<rkey>})
 * @param oauthClientId the client metadata URL for the browser sign-in, or null for a loopback client
 * @param resolveHandlesOnline whether handles may be looked up in DNS and at their own web servers
 */
record BlueskySettings(URI plcUrl, URI videoService, String videoServiceDid, URI webUrl, Duration connectTimeout,
        Duration readTimeout, String oauthClientId, boolean resolveHandlesOnline) {
    static final String PLC_URL = "OUTPOST_BLUESKY_PLC_URL";
    static final String VIDEO_SERVICE_URL = "OUTPOST_BLUESKY_VIDEO_SERVICE_URL";
    static final String VIDEO_SERVICE_DID = "OUTPOST_BLUESKY_VIDEO_SERVICE_DID";
    static final String WEB_URL = "OUTPOST_BLUESKY_WEB_URL";
    static final String CONNECT_TIMEOUT = "OUTPOST_BLUESKY_CONNECT_TIMEOUT_SECONDS";
    static final String READ_TIMEOUT = "OUTPOST_BLUESKY_READ_TIMEOUT_SECONDS";
    /** The https URL of the client metadata a web app serves; unset, the browser sign-in uses a loopback client. */
    static final String OAUTH_CLIENT_ID = "OUTPOST_BLUESKY_OAUTH_CLIENT_ID";
    /**
     * {@code false} keeps handle resolution off DNS and the handles' own web servers (only the account's server is
     * asked): for sandboxes and tests on loopback, which must send nothing elsewhere.
     */
    static final String RESOLVE_HANDLES_ONLINE = "OUTPOST_BLUESKY_RESOLVE_HANDLES_ONLINE";
    /** Where the command line reads the app password from when it is not typed. */
    static final String APP_PASSWORD = "OUTPOST_BLUESKY_APP_PASSWORD";

    BlueskySettings {
        Objects.requireNonNull(plcUrl, "plcUrl");
        Objects.requireNonNull(webUrl, "webUrl");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("Bluesky timeouts must be positive");
        }
    }

    static BlueskySettings from(PlatformContext context) {
        String video = context.setting(VIDEO_SERVICE_URL, "https://video.bsky.app").strip();
        URI videoService = video.equalsIgnoreCase("none") ? null : uri(VIDEO_SERVICE_URL, video);
        return new BlueskySettings(uri(PLC_URL, context.setting(PLC_URL, "https://plc.directory")),
                videoService,
                context.setting(VIDEO_SERVICE_DID).orElse(videoService == null ? null : didWeb(videoService)),
                uri(WEB_URL, context.setting(WEB_URL, "https://bsky.app")),
                Duration.ofSeconds(number(context, CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(number(context, READ_TIMEOUT, 60)),
                context.setting(OAUTH_CLIENT_ID).map(String::strip).orElse(null),
                Boolean.parseBoolean(context.setting(RESOLVE_HANDLES_ONLINE, "true").strip()));
    }

    /** The {@code did:web} of a server's host ({@code did:web:video.bsky.app}; a port is written {@code %3A}). */
    static String didWeb(URI server) {
        return "did:web:" + server.getHost() + (server.getPort() < 0 ? "" : "%3A" + server.getPort());
    }

    static URI uri(String key, String value) {
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
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
}
