package dev.outpost.xsandbox;

import java.util.Arrays;
import java.util.Locale;

/**
 * The X endpoints the sandbox emulates. Fault rules, rate limits and the request log name them
 * by {@link #key()}, which is also the spelling used on the command line and the admin API.
 * The default limits are X's published per-user limits per 15 minutes (FACTS §6); where X
 * publishes none, a generous limit keeps the headers present without getting in the way.
 */
public enum Endpoint {
    AUTHORIZE("authorize", 100_000),
    TOKEN("token", 100_000),
    REVOKE("revoke", 100_000),
    USERS_ME("users_me", 75),
    MEDIA_UPLOAD("upload", 500),
    MEDIA_INITIALIZE("initialize", 1_875),
    MEDIA_APPEND("append", 1_875),
    MEDIA_FINALIZE("finalize", 1_875),
    MEDIA_STATUS("status", 1_000),
    MEDIA_METADATA("metadata", 500),
    TWEETS_CREATE("tweets", 100),
    TWEET_LOOKUP("tweet_lookup", 900),
    USER_TWEETS("user_tweets", 900),
    /** Matches every endpoint in a fault rule; never the endpoint of a request. */
    ANY("any", Integer.MAX_VALUE);

    private final String key;
    private final int defaultLimitPer15Minutes;

    Endpoint(String key, int defaultLimitPer15Minutes) {
        this.key = key;
        this.defaultLimitPer15Minutes = defaultLimitPer15Minutes;
    }

    public String key() {
        return key;
    }

    int defaultLimitPer15Minutes() {
        return defaultLimitPer15Minutes;
    }

    boolean matches(Endpoint actual) {
        return this == ANY || this == actual;
    }

    /** Accepts the key ({@code append}) or the constant name ({@code MEDIA_APPEND}), in any case. */
    public static Endpoint fromKey(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(e -> e.key.equals(wanted) || e.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown endpoint '" + text + "'; one of "
                        + Arrays.stream(values()).map(Endpoint::key).toList()));
    }
}
