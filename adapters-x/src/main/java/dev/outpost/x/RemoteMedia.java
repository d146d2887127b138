package dev.outpost.x;

import java.time.Instant;
import java.util.Objects;

/**
 * X's handle on uploaded media.
 *
 * @param mediaId the id a post refers to
 * @param expiresAt after this the id is useless, and an unfinished upload must start over with INIT
 */
record RemoteMedia(String mediaId, Instant expiresAt) {
    RemoteMedia {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (mediaId.isBlank()) {
            throw new IllegalArgumentException("media id must not be blank");
        }
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    RemoteMedia withExpiry(Instant next) {
        return new RemoteMedia(mediaId, next);
    }
}
