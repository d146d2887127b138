package dev.outpost.domain.post;

import java.util.Objects;

/**
 * Where a publication stands in what the user composed.
 *
 * @param group shared by every publication one compose action made (a cross-post and/or a thread)
 * @param item the index of the post inside its thread; 0 for a single post
 * @param follows the publication of item {@code item - 1} for the same account; null exactly for item 0
 */
public record Placement(GroupId group, int item, PublicationId follows) {
    public Placement {
        Objects.requireNonNull(group, "group");
        if (item < 0) {
            throw new IllegalArgumentException("a thread item's index must not be negative");
        }
        if ((item == 0) != (follows == null)) {
            throw new IllegalArgumentException("item 0 follows nothing and every later item follows its predecessor");
        }
    }

    /** The first (or only) post of a group. */
    public static Placement first(GroupId group) {
        return new Placement(group, 0, null);
    }

    /** The post after {@code previous} in the same account's chain. */
    public Placement next(PublicationId previous) {
        return new Placement(group, item + 1, previous);
    }
}
