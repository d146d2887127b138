package dev.outpost.domain.account;

import java.util.Objects;

/**
 * Outpost's id of a connected account: the platform id, a colon, and what the platform's plugin chose to tell its
 * accounts apart ({@code x:1234567890}, {@code example:server.example:109}, {@code other:did:web:alice.example}).
 */
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

    /** What follows the platform part. */
    public String localPart() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
