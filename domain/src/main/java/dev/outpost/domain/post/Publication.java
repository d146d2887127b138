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
 * @param idempotencyKey chosen before the first attempt and sent with every attempt, so the platform can tell a
 *     repeat from a new post (an idempotency header, a client-chosen record key); its form is the plugin's
 * @param state where it stands
 * @param intent set once a post request is about to be sent, else null
 * @param remote the post once published, else null
 * @param failure why it failed or why it is unconfirmed, for the user; else null
 * @param createdAt when the user asked for it
 * @param updatedAt last change
 * @param version increases by one at every stored change (optimistic locking)
 * @param placement where it stands in a group (a cross-post or a thread); null for a publication made alone
 */
public record Publication(PublicationId id, AccountId account, Draft draft, String idempotencyKey,
        PublicationState state, PublishIntent intent, RemotePost remote, String failure, Instant createdAt,
        Instant updatedAt, long version, Placement placement) {
    public Publication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("the idempotency key must not be blank");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (state == PublicationState.PUBLISHED && remote == null) {
            throw new IllegalArgumentException("a published publication has its post");
        }
    }

    /** A publication made alone (no group). */
    public Publication(PublicationId id, AccountId account, Draft draft, String idempotencyKey,
            PublicationState state, PublishIntent intent, RemotePost remote, String failure, Instant createdAt,
            Instant updatedAt, long version) {
        this(id, account, draft, idempotencyKey, state, intent, remote, failure, createdAt, updatedAt, version, null);
    }

    public static Publication queue(PublicationId id, AccountId account, Draft draft, String idempotencyKey,
            Instant now) {
        return queue(id, account, draft, idempotencyKey, now, null);
    }

    public static Publication queue(PublicationId id, AccountId account, Draft draft, String idempotencyKey,
            Instant now, Placement placement) {
        return new Publication(id, account, draft, idempotencyKey, PublicationState.QUEUED, null, null, null, now,
                now, 0, placement);
    }

    /** The group it belongs to, or null. */
    public GroupId group() {
        return placement == null ? null : placement.group();
    }

    /** The publication it must wait for (its predecessor in a thread), or null. */
    public PublicationId follows() {
        return placement == null ? null : placement.follows();
    }

    /** The platform's id of the post once published, else null. */
    public String remotePostId() {
        return remote == null ? null : remote.id();
    }

    /** When it should run: the schedule time, or its creation for "now". */
    public Instant dueAt() {
        return draft.scheduledAt() == null ? createdAt : draft.scheduledAt();
    }

    public Publication moveTo(PublicationState next, Instant now) {
        return transition(next, intent, remote, next == PublicationState.QUEUED ? null : failure, now);
    }

    /** Records the intent just before the post request goes out. */
    public Publication publishing(PublishIntent next, Instant now) {
        return transition(PublicationState.PUBLISHING, Objects.requireNonNull(next, "intent"), remote, null, now);
    }

    public Publication published(RemotePost post, Instant now) {
        return transition(PublicationState.PUBLISHED, intent, Objects.requireNonNull(post, "post"), null, now);
    }

    public Publication unconfirmed(String reason, Instant now) {
        return transition(PublicationState.UNCONFIRMED, intent, remote, reason, now);
    }

    public Publication failed(String reason, Instant now) {
        return transition(PublicationState.FAILED, intent, remote, Objects.requireNonNull(reason, "reason"), now);
    }

    public Publication withVersion(long next) {
        return new Publication(id, account, draft, idempotencyKey, state, intent, remote, failure, createdAt,
                updatedAt, next, placement);
    }

    private Publication transition(PublicationState next, PublishIntent nextIntent, RemotePost post, String reason,
            Instant now) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("publication " + id + " cannot move from " + state + " to " + next);
        }
        return new Publication(id, account, draft, idempotencyKey, next, nextIntent, post, reason, createdAt, now,
                version, placement);
    }
}
