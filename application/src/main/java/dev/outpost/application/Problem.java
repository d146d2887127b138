package dev.outpost.application;

import dev.outpost.domain.post.Violation;
import java.util.Objects;

/**
 * One thing wrong with what the user gave, tied to a field ({@code text}, {@code media[1]}, {@code media[0].alt},
 * {@code account}, {@code scheduledAt}) so a form can show it beside that field.
 */
public record Problem(String field, String message) {
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(Violation violation) {
        return new Problem(violation.field(), violation.message());
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
