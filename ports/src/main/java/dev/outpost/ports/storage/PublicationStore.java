package dev.outpost.ports.storage;

import dev.outpost.domain.account.AccountId;
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

    Optional<Publication> find(PublicationId id);

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

    /** Gives up a claim; nothing happens when {@code worker} does not hold it. */
    void release(PublicationId id, String worker);

    /** Newest first; an empty set of states means all states; {@code account} null means all accounts. */
    List<Publication> list(Query query);

    /** A filter for {@link #list}. */
    record Query(Set<PublicationState> states, AccountId account, int limit) {
        public Query {
            states = states == null ? Set.of() : Set.copyOf(states);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }

        public static Query all() {
            return new Query(Set.of(), null, 1000);
        }

        public static Query inStates(Set<PublicationState> states) {
            return new Query(states, null, 1000);
        }
    }
}
