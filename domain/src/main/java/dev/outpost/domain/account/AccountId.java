package dev.outpost.domain.account;

import java.util.Objects;

/** Outpost's id of a connected account, such as {@code x:1234567890} (platform id, colon, the platform's user id). */
public record AccountId(String value) {
    public AccountId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("account id must not be blank");
        }
    }

    public static AccountId of(String platformId, String platformUserId) {
        return new AccountId(platformId + ":" + platformUserId);
    }

    /** The platform part, such as {@code x}. */
    public String platformId() {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    @Override
    public String toString() {
        return value;
    }
}
