package dev.outpost.domain.post;

import dev.outpost.domain.account.AccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * One post on its way to one account, and everything needed to finish it after a crash.
 *
 * @param id Outpost's id
 * @param account where it goes
 * @param draft what the user wrote and attached
 * @param state where it stands
 * @param intent set once a post request is about to be sent, else null
 * @param remotePostId the platform's id once published, else null
 * @param failure why it failed or why it is unconfirmed, for the user; else null
 * @param createdAt when the user asked for it
 * @param updatedAt last change
 * @param version increases by one at every stored change (optimistic locking)
 */
public record Publication(PublicationId id, AccountId account, Draft draft, PublicationState state,
        PublishIntent intent, String remotePostId, String failure, Instant createdAt, Instant updatedAt,
        long version) {
    public Publication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (state == PublicationState.PUBLISHED && remotePostId == null) {
            throw new IllegalArgumentException("a published publication has a post id");
        }
    }

    public static Publication queue(PublicationId id, AccountId account, Draft draft, Instant now) {
        return new Publication(id, account, draft, PublicationState.QUEUED, null, null, null, now, now, 0);
    }

    /** When it should run: the schedule time, or its creation for "now". */
    public Instant dueAt() {
        return draft.scheduledAt() == null ? createdAt : draft.scheduledAt();
    }

    public Publication moveTo(PublicationState next, Instant now) {
        return transition(next, intent, remotePostId, next == PublicationState.QUEUED ? null : failure, now);
    }

    /** Records the intent just before the post request goes out. */
    public Publication publishing(PublishIntent next, Instant now) {
        return transition(PublicationState.PUBLISHING, Objects.requireNonNull(next, "intent"), remotePostId, null,
                now);
    }

    public Publication published(String postId, Instant now) {
        return transition(PublicationState.PUBLISHED, intent, Objects.requireNonNull(postId, "postId"), null, now);
    }

    public Publication unconfirmed(String reason, Instant now) {
        return transition(PublicationState.UNCONFIRMED, intent, remotePostId, reason, now);
    }

    public Publication failed(String reason, Instant now) {
        return transition(PublicationState.FAILED, intent, remotePostId, Objects.requireNonNull(reason, "reason"),
                now);
    }

    public Publication withVersion(long next) {
        return new Publication(id, account, draft, state, intent, remotePostId, failure, createdAt, updatedAt, next);
    }

    private Publication transition(PublicationState next, PublishIntent nextIntent, String postId, String reason,
            Instant now) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("publication " + id + " cannot move from " + state + " to " + next);
        }
        return new Publication(id, account, draft, next, nextIntent, postId, reason, createdAt, now, version);
    }
}
