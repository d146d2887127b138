package dev.outpost.mastodon;

import dev.outpost.ports.platform.PlatformContext;
import java.time.Duration;

/**
 * The Mastodon plugin's configuration, read from {@link PlatformContext} settings; every one is optional.
 *
 * @param clientName how the app registered on each server is named (people see it on the consent page)
 * @param website the app's website, given at registration
 * @param allowHttp whether servers may be reached over plain HTTP (loopback ones always may: a sandbox)
 * @param instanceTtl how long a server's limits are kept before they are read again
 */
record MastodonSettings(String clientName, String website, Duration connectTimeout, Duration readTimeout,
        boolean allowHttp, Duration instanceTtl) {
    static final String CLIENT_NAME = "OUTPOST_MASTODON_CLIENT_NAME";
    static final String WEBSITE = "OUTPOST_MASTODON_WEBSITE";
    static final String CONNECT_TIMEOUT = "OUTPOST_MASTODON_CONNECT_TIMEOUT_SECONDS";
    static final String READ_TIMEOUT = "OUTPOST_MASTODON_READ_TIMEOUT_SECONDS";
    static final String ALLOW_HTTP = "OUTPOST_MASTODON_ALLOW_HTTP";
    static final String INSTANCE_TTL = "OUTPOST_MASTODON_INSTANCE_TTL_SECONDS";
    /** Where the command line may read the server from. */
    static final String SERVER = "OUTPOST_MASTODON_SERVER";
    static final String ACCESS_TOKEN = "OUTPOST_MASTODON_ACCESS_TOKEN";

    MastodonSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("Mastodon timeouts must be positive");
        }
    }

    static MastodonSettings from(PlatformContext context) {
        return new MastodonSettings(context.setting(CLIENT_NAME, "Outpost").strip(),
                context.setting(WEBSITE).map(String::strip).orElse(null),
                Duration.ofSeconds(number(context, CONNECT_TIMEOUT, 10)),
                Duration.ofSeconds(number(context, READ_TIMEOUT, 60)),
                Boolean.parseBoolean(context.setting(ALLOW_HTTP, "false")),
                Duration.ofSeconds(number(context, INSTANCE_TTL, 6 * 3600)));
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
