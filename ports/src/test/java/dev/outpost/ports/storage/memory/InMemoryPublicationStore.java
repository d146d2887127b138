package dev.outpost.ports.storage.memory;

import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link PublicationStore} in a map, for tests of the core. Thread-safe; update, claim and take-over are atomic. */
public final class InMemoryPublicationStore implements PublicationStore {
    private record Entry(Publication publication, long createdSeq, String claimedBy, Instant claimExpiresAt) {
        Entry with(Publication next) {
            return new Entry(next, createdSeq, claimedBy, claimExpiresAt);
        }

        Entry claimed(String worker, Instant until) {
            return new Entry(publication, createdSeq, worker, until);
        }

        boolean claimableBy(String worker, Instant now) {
            return claimedBy == null || claimedBy.equals(worker) || !now.isBefore(claimExpiresAt);
        }
    }

    private final Map<PublicationId, Entry> entries = new HashMap<>();
    private long seq;

    @Override
    public synchronized Publication create(Publication publication) {
        if (entries.containsKey(publication.id())) {
            throw new IllegalStateException("publication " + publication.id() + " already exists");
        }
        Publication stored = publication.withVersion(1);
        entries.put(stored.id(), new Entry(stored, seq++, null, null));
        return stored;
    }

    @Override
    public synchronized List<Publication> createAll(List<Publication> publications) {
        Set<PublicationId> ids = new HashSet<>();
        for (Publication p : publications) {
            if (entries.containsKey(p.id()) || !ids.add(p.id())) {
                throw new IllegalStateException("publication " + p.id() + " already exists");
            }
        }
        return publications.stream().map(this::create).toList();
    }

    @Override
    public synchronized List<Publication> group(GroupId group) {
        Objects.requireNonNull(group, "group");
        return entries.values().stream().map(Entry::publication).filter(p -> group.equals(p.group()))
                .sorted(Comparator.comparing((Publication p) -> p.account().value())
                        .thenComparingInt(p -> p.placement().item()))
                .toList();
    }

    @Override
    public synchronized Optional<Publication> follower(PublicationId id) {
        Objects.requireNonNull(id, "id");
        return entries.values().stream().map(Entry::publication).filter(p -> id.equals(p.follows())).findFirst();
    }

    @Override
    public synchronized boolean replaceQueued(List<Publication> old, List<Publication> created) {
        Set<PublicationId> leaving = new HashSet<>();
        for (Publication p : old) {
            Entry current = entries.get(p.id());
            if (current == null || current.publication().version() != p.version()
                    || current.publication().state() != PublicationState.QUEUED) {
                return false;
            }
            leaving.add(p.id());
        }
        Set<PublicationId> ids = new HashSet<>();
        for (Publication p : created) {
            if ((entries.containsKey(p.id()) && !leaving.contains(p.id())) || !ids.add(p.id())) {
                return false;
            }
        }
        leaving.forEach(entries::remove);
        created.forEach(this::create);
        return true;
    }

    @Override
    public synchronized Optional<Publication> find(PublicationId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::publication);
    }

    @Override
    public synchronized Optional<Publication> update(Publication next) {
        Entry current = entries.get(next.id());
        if (current == null || current.publication().version() != next.version()) {
            return Optional.empty();
        }
        Publication stored = next.withVersion(next.version() + 1);
        entries.put(stored.id(), current.with(stored));
        return Optional.of(stored);
    }

    @Override
    public synchronized boolean claim(PublicationId id, String worker, Instant now, Duration lease) {
        Entry current = entries.get(id);
        if (current == null || !current.claimableBy(worker, now)) {
            return false;
        }
        entries.put(id, current.claimed(worker, now.plus(lease)));
        return true;
    }

    @Override
    public synchronized Optional<String> claimHolder(PublicationId id, Instant now) {
        Entry current = entries.get(id);
        if (current == null || current.claimedBy() == null || !now.isBefore(current.claimExpiresAt())) {
            return Optional.empty();
        }
        return Optional.of(current.claimedBy());
    }

    @Override
    public synchronized boolean takeOver(PublicationId id, String holder, String worker, Instant now,
            Duration lease) {
        Entry current = entries.get(id);
        if (current == null || !holder.equals(current.claimedBy())) {
            return false;
        }
        entries.put(id, current.claimed(worker, now.plus(lease)));
        return true;
    }

    @Override
    public synchronized void release(PublicationId id, String worker) {
        Entry current = entries.get(id);
        if (current != null && worker.equals(current.claimedBy())) {
            entries.put(id, current.claimed(null, null));
        }
    }

    @Override
    public synchronized List<Publication> list(Query query) {
        return entries.values().stream()
                .filter(e -> query.states().isEmpty() || query.states().contains(e.publication().state()))
                .filter(e -> query.account() == null || query.account().equals(e.publication().account()))
                .filter(e -> query.group() == null || query.group().equals(e.publication().group()))
                .sorted(Comparator.comparing((Entry e) -> e.publication().createdAt())
                        .thenComparingLong(Entry::createdSeq).reversed())
                .limit(query.limit())
                .map(Entry::publication)
                .toList();
    }

    @Override
    public synchronized Set<String> mediaFileNames() {
        Set<String> names = new HashSet<>();
        entries.values().forEach(e -> e.publication().draft().media().stream()
                .map(m -> m.file().path().getFileName().toString()).forEach(names::add));
        return names;
    }
}
