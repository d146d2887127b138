package dev.outpost.domain.post;

import java.util.Objects;
import java.util.UUID;

/** Outpost's id of one publication. */
public record PublicationId(String value) {
    public PublicationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("publication id must not be blank");
        }
    }

    public static PublicationId random() {
        return new PublicationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
