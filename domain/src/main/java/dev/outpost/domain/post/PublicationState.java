package dev.outpost.domain.post;

import java.util.EnumSet;
import java.util.Set;

/** Where a publication stands. The allowed moves are listed here once; {@link Publication} enforces them. */
public enum PublicationState {
    QUEUED, UPLOADING, PROCESSING, PUBLISHING,
    /** The post request's outcome is unknown (timeout, dropped connection, 5xx); reconciliation decides. */
    UNCONFIRMED,
    PUBLISHED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == PUBLISHED || this == FAILED || this == CANCELLED;
    }

    public boolean canMoveTo(PublicationState next) {
        return allowedNext().contains(next);
    }

    private Set<PublicationState> allowedNext() {
        return switch (this) {
            case QUEUED -> EnumSet.of(UPLOADING, PUBLISHING, FAILED, CANCELLED);
            case UPLOADING -> EnumSet.of(UPLOADING, PROCESSING, PUBLISHING, FAILED, QUEUED);
            case PROCESSING -> EnumSet.of(PROCESSING, PUBLISHING, FAILED, QUEUED, UPLOADING);
            // Back to uploading when the platform lost the media before the post.
            case PUBLISHING -> EnumSet.of(PUBLISHED, UNCONFIRMED, FAILED, QUEUED, UPLOADING);
            // Staying unconfirmed updates the explanation (for example: no read access to check).
            case UNCONFIRMED -> EnumSet.of(PUBLISHED, PUBLISHING, FAILED, UNCONFIRMED);
            // A failed publication may be retried or resumed by the user.
            case FAILED -> EnumSet.of(QUEUED, CANCELLED);
            case PUBLISHED, CANCELLED -> EnumSet.noneOf(PublicationState.class);
        };
    }
}
