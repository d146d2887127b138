package dev.outpost.domain.post;

import java.util.Objects;
import java.util.UUID;

/** Outpost's id of what one compose action made: a cross-post, a thread, or both. */
public record GroupId(String value) {
    public GroupId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("group id must not be blank");
        }
    }

    public static GroupId random() {
        return new GroupId(UUID.randomUUID().toString());
    }

    public static GroupId of(String value) {
        return new GroupId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
