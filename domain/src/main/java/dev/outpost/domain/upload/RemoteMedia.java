package dev.outpost.domain.upload;

import java.time.Instant;
import java.util.Objects;

/**
 * The platform's handle on uploaded media.
 *
 * @param mediaId the id a post refers to
 * @param expiresAt after this the id is useless, and an unfinished upload must start over
 */
public record RemoteMedia(String mediaId, Instant expiresAt) {
    public RemoteMedia {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (mediaId.isBlank()) {
            throw new IllegalArgumentException("media id must not be blank");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
