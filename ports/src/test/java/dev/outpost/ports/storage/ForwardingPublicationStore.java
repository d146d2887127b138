package dev.outpost.ports.storage;

import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A {@link PublicationStore} that passes every call on, for tests that make one call fail as a crash would. */
public class ForwardingPublicationStore implements PublicationStore {
    private final PublicationStore delegate;

    public ForwardingPublicationStore(PublicationStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Publication create(Publication publication) {
        return delegate.create(publication);
    }

    @Override
    public List<Publication> createAll(List<Publication> publications) {
        return delegate.createAll(publications);
    }

    @Override
    public Optional<Publication> find(PublicationId id) {
        return delegate.find(id);
    }

    @Override
    public List<Publication> group(GroupId group) {
        return delegate.group(group);
    }

    @Override
    public Optional<Publication> follower(PublicationId id) {
        return delegate.follower(id);
    }

    @Override
    public boolean replaceQueued(List<Publication> old, List<Publication> created) {
        return delegate.replaceQueued(old, created);
    }

    @Override
    public Optional<Publication> update(Publication next) {
        return delegate.update(next);
    }

    @Override
    public boolean claim(PublicationId id, String worker, Instant now, Duration lease) {
        return delegate.claim(id, worker, now, lease);
    }

    @Override
    public Optional<String> claimHolder(PublicationId id, Instant now) {
        return delegate.claimHolder(id, now);
    }

    @Override
    public boolean takeOver(PublicationId id, String holder, String worker, Instant now, Duration lease) {
        return delegate.takeOver(id, holder, worker, now, lease);
    }

    @Override
    public void release(PublicationId id, String worker) {
        delegate.release(id, worker);
    }

    @Override
    public List<Publication> list(Query query) {
        return delegate.list(query);
    }

    @Override
    public Set<String> mediaFileNames() {
        return delegate.mediaFileNames();
    }
}
