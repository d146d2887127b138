package dev.outpost.mastodonsandbox;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The emulated endpoints, by the short key that fault rules and rate limits name them with. */
public enum Endpoint {
    DISCOVERY("discovery"),
    APPS("apps"),
    AUTHORIZE("authorize"),
    TOKEN("token"),
    REVOKE("revoke"),
    VERIFY_CREDENTIALS("verify_credentials"),
    INSTANCE("instance"),
    MEDIA_CREATE("media"),
    MEDIA_GET("media_get"),
    MEDIA_UPDATE("media_update"),
    STATUS_CREATE("statuses"),
    STATUS_GET("status"),
    ACCOUNT_STATUSES("account_statuses");

    private final String key;

    Endpoint(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Endpoint fromKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown endpoint '" + key + "'; one of "
                        + Arrays.stream(values()).map(Endpoint::key).collect(Collectors.joining(", "))));
    }
}
