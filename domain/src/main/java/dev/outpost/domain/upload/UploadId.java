package dev.outpost.domain.upload;

import java.util.Objects;
import java.util.UUID;

/** Outpost's own name for one upload, stable across restarts (the platform's media id may change on restart). */
public record UploadId(String value) {
    public UploadId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("upload id must not be blank");
        }
    }

    public static UploadId random() {
        return new UploadId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
