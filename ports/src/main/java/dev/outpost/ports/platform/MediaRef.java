package dev.outpost.ports.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * Uploaded media as the same plugin's publisher attaches it to a post: opaque to the core (a media id, a blob
 * reference with its size and aspect ratio).
 *
 * @param value what the publisher reads back
 * @param expiresAt after this the platform no longer takes it and the file must be uploaded again; null when unknown
 */
public record MediaRef(String value, Instant expiresAt) {
    public MediaRef {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a media reference must not be blank");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
