package dev.outpost.ports.storage;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publications and their intent records. Updates use the publication's version (optimistic locking); a worker
 * owns a publication while its claim holds. Thread-safe and shared across instances.
 */
public interface PublicationStore {
    /** Stores a new publication. @return it with version 1 @throws IllegalStateException if the id exists */
    Publication create(Publication publication);

    /**
     * Stores new publications atomically: all of them or none.
     *
     * @return them with version 1, in the given order
     * @throws IllegalStateException if any id exists (or repeats in the list); then nothing is stored
     */
    List<Publication> createAll(List<Publication> publications);

    Optional<Publication> find(PublicationId id);

    /** Every publication of a group, ordered by account id, then thread item; empty for an unknown group. */
    List<Publication> group(GroupId group);

    /** The publication whose placement follows {@code id} (the next post of its thread), if any. */
    Optional<Publication> follower(PublicationId id);

    /**
     * Replaces queued publications atomically: deletes every one of {@code old} and creates every one of
     * {@code created} (version 1) — only when each of {@code old} is stored with the given version and is still
     * QUEUED, and none of {@code created} exists. Otherwise nothing changes.
     *
     * @return whether the replacement happened
     */
    boolean replaceQueued(List<Publication> old, List<Publication> created);

    /**
     * Stores {@code next} only when the stored version equals {@code next.version()}.
     *
     * @return the stored publication with its version incremented, or empty when someone else changed it first
     */
    Optional<Publication> update(Publication next);

    /**
     * Claims a publication for one worker, atomically: exactly one of several concurrent callers wins, and a claim
     * is free again once {@code lease} has passed without {@link #release}. The holder may claim again to extend
     * its lease (a heartbeat).
     *
     * @return whether {@code worker} now holds the claim
     */
    boolean claim(PublicationId id, String worker, Instant now, Duration lease);

    /**
     * Who holds the claim on a publication at {@code now}.
     *
     * @return the holder whose lease has not passed; empty when the publication is unclaimed, released, its lease
     *     passed, or it does not exist
     */
    Optional<String> claimHolder(PublicationId id, Instant now);

    /**
     * Takes over the claim of {@code holder}, atomically (a compare-and-set on the holder): {@code worker} then holds
     * it for {@code lease} from {@code now}, whether or not the holder's lease had passed. Of several workers taking
     * over from one holder, exactly one wins. For a holder known to be dead (see {@link #claimHolder}); the store does
     * not judge that.
     *
     * @return whether {@code worker} now holds the claim; false when {@code holder} no longer holds it (it released
     *     it, or another worker claimed or took it over first) or the publication does not exist
     */
    boolean takeOver(PublicationId id, String holder, String worker, Instant now, Duration lease);

    /**
     * The file names (a path's last element) of every stored publication's media, whatever its state and wherever the
     * file lies: an app that keeps uploads under names of its own that are unique (random ids) must not delete a file
     * with one of these names, which a publication may still send, retry or show. By name rather than by path, so a
     * home reached through another path (moved, or through a symbolic link) keeps its files too.
     */
    Set<String> mediaFileNames();

    /** Gives up a claim; nothing happens when {@code worker} does not hold it. */
    void release(PublicationId id, String worker);

    /**
     * Newest first; an empty set of states means all states; {@code account} null means all accounts; {@code group}
     * null means any group (or none).
     */
    List<Publication> list(Query query);

    /** A filter for {@link #list}. */
    record Query(Set<PublicationState> states, AccountId account, int limit, GroupId group) {
        public Query {
            states = states == null ? Set.of() : Set.copyOf(states);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }

        public Query(Set<PublicationState> states, AccountId account, int limit) {
            this(states, account, limit, null);
        }

        public static Query all() {
            return new Query(Set.of(), null, 1000);
        }

        public static Query inStates(Set<PublicationState> states) {
            return new Query(states, null, 1000);
        }
    }
}
