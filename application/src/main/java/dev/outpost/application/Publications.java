package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Placement;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.UploadJournal;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.util.random.RandomGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The publication queue as the user sees it: submit a draft (checked whole first, nothing uploaded when anything
 * is wrong), publish now or at a time, cancel, retry, list. Running a publication is {@link PublicationRunner}'s.
 */
public final class Publications {
    private final Platforms platforms;
    private final AccountStore accounts;
    private final PublicationStore store;
    private final JobQueue jobs;
    private final MediaInspector inspector;
    private final Clock clock;
    private final UploadJournal journal;
    private final RandomGenerator random;
    private final ComposeCheck composeCheck;

    Publications(Platforms platforms, AccountStore accounts, PublicationStore store, JobQueue jobs,
            UploadJournal journal, MediaInspector inspector, Clock clock, RandomGenerator random) {
        this.platforms = platforms;
        this.accounts = accounts;
        this.store = store;
        this.jobs = jobs;
        this.inspector = inspector;
        this.clock = clock;
        this.journal = journal;
        this.random = random;
        this.composeCheck = new ComposeCheck(platforms, accounts, inspector, clock);
    }

    /**
     * Checks a draft for an account without storing anything.
     *
     * @return the draft with its files inspected
     * @throws OutpostException INVALID_INPUT listing every problem (files, text, media mix, alt text, schedule)
     */
    public Draft check(AccountId accountId, DraftInput input) {
        Account account = accounts.find(accountId).orElseThrow(() -> OutpostException.invalid("account",
                "no connected account " + accountId + "; see the list of accounts or connect one"));
        if (account.status() == AccountStatus.NEEDS_RECONNECT) {
            throw new OutpostException(OutpostException.Kind.RECONNECT_NEEDED, "the account @" + account.handle()
                    + " must be connected again before it can publish");
        }
        InspectedMedia media = InspectedMedia.of(input.media(), inspector);
        List<Problem> problems = new ArrayList<>(media.problems());
        Draft draft = new Draft(input.text(), media.attachments(), input.replyTo(), input.scheduledAt(),
                input.options());
        // Validate what could be inspected too, so every problem shows at once.
        platforms.of(accountId).validator(account).validate(draft, clock.instant())
                .forEach(v -> problems.add(new Problem(media.renumber(v.field()), v.message())));
        if (!problems.isEmpty()) {
            throw OutpostException.invalid(problems);
        }
        return draft;
    }


    /** Checks and queues a publication; it runs at its schedule time, or as soon as a worker is free. */
    public Publication submit(AccountId account, DraftInput input) {
        Draft draft = check(account, input);
        Publication created = store.create(queue(account, draft));
        jobs.schedule(created.id(), created.dueAt());
        return created;
    }

    /** Stores a checked publication without scheduling it, for a caller that runs it at once itself. */
    public Publication createForImmediateRun(AccountId account, DraftInput input) {
        Draft draft = check(account, input);
        if (draft.scheduledAt() != null) {
            throw OutpostException.invalid("scheduledAt", "a scheduled post is queued, not run at once");
        }
        return store.create(queue(account, draft));
    }

    private Publication queue(AccountId account, Draft draft) {
        return queue(account, draft, null);
    }

    /** A new publication, its idempotency key chosen now, before any attempt, in its platform's form. */
    private Publication queue(AccountId account, Draft draft, Placement placement) {
        Instant now = clock.instant();
        String key;
        synchronized (random) {
            key = platforms.of(account).publisher().newIdempotencyKey(now, random);
        }
        return Publication.queue(PublicationId.random(), account, draft, key, now, placement);
    }

    /**
     * A publication as people see it: its account, the post's link, and where its uploads stand.
     *
     * @throws OutpostException INVALID_INPUT when there is no such publication
     */
    public PublicationDetails details(PublicationId id) {
        return details(get(id));
    }

    public PublicationDetails details(Publication publication) {
        Account account = accounts.find(publication.account()).orElse(null);
        java.util.Map<Integer, UploadCheckpoint> uploads = new java.util.HashMap<>();
        for (int i = 0; i < publication.draft().media().size(); i++) {
            int index = i;
            journal.find(PublicationRunner.uploadId(publication.id(), i)).ifPresent(c -> uploads.put(index, c));
        }
        String platform = platforms.all().stream().filter(p -> p.id().equals(publication.account().platformId()))
                .map(Platforms.Platform::displayName).findFirst().orElse(publication.account().platformId());
        return new PublicationDetails(publication, account, platform, uploads);
    }

    public Optional<Publication> find(PublicationId id) {
        return store.find(id);
    }

    /** @throws OutpostException INVALID_INPUT when there is no such publication */
    public Publication get(PublicationId id) {
        return store.find(id).orElseThrow(() -> OutpostException.invalid("publication", "no publication " + id));
    }

    public List<Publication> list(PublicationStore.Query query) {
        return store.list(query);
    }

    /**
     * The file names of every stored publication's media (in any state): an app keeping uploads under unique names
     * deletes none with one of these names.
     */
    public Set<String> mediaFileNames() {
        return store.mediaFileNames();
    }

    /** Cancels a publication that has not started publishing. */
    public Publication cancel(PublicationId id) {
        Publication current = get(id);
        if (!current.state().canMoveTo(PublicationState.CANCELLED)) {
            throw OutpostException.invalid("publication", "publication " + id + " is " + current.state()
                    .name().toLowerCase(java.util.Locale.ROOT) + " and can no longer be cancelled");
        }
        Publication cancelled = store.update(current.moveTo(PublicationState.CANCELLED, clock.instant()))
                .orElseThrow(() -> OutpostException.invalid("publication", "publication " + id
                        + " changed meanwhile; look again"));
        jobs.cancel(id);
        return cancelled;
    }

    /**
     * Queues a failed publication again, or an unfinished one whose worker died; its uploads resume from the
     * journal.
     */
    public Publication resume(PublicationId id) {
        Publication current = get(id);
        Instant now = clock.instant();
        if (current.state() == PublicationState.FAILED) {
            current = store.update(current.moveTo(PublicationState.QUEUED, now)).orElseThrow(() ->
                    OutpostException.invalid("publication", "publication " + id + " changed meanwhile; look again"));
        } else if (current.state().isTerminal()) {
            throw OutpostException.invalid("publication", "publication " + id + " is already "
                    + current.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        jobs.schedule(id, now);
        return current;
    }

    /**
     * Checks a compose for every target and item without storing or sending anything; each file is inspected once.
     *
     * @return every problem found; empty when it may be submitted
     */
    public List<GroupProblem> checkGroup(ComposeInput input) {
        return composeCheck.check(input).problems();
    }

    /**
     * Checks a compose, then stores a publication per target and item at once and schedules the first item of each
     * target at its time (later items are scheduled when their predecessor is published).
     *
     * @throws OutpostException INVALID_INPUT with a problem per target × item (fields
     *     {@code targets[<account id>].items[<i>].<field>}) when anything is wrong; then nothing is stored
     */
    public Group submitGroup(ComposeInput input) {
        List<Publication> created = store.createAll(compose(GroupId.random(), input));
        scheduleFirsts(created);
        return group(created);
    }

    /** Like {@link #submitGroup} without scheduling, for a caller that runs the group at once itself. */
    public Group createGroupForImmediateRun(ComposeInput input) {
        if (input.scheduledAt() != null) {
            throw OutpostException.invalid("scheduledAt", "a scheduled post is queued, not run at once");
        }
        return group(store.createAll(compose(GroupId.random(), input)));
    }

    /** @throws OutpostException INVALID_INPUT when there is no such group */
    public Group group(GroupId id) {
        return group(current(id));
    }

    /** Cancels every publication of the group that has not started (or that failed). @return those cancelled */
    public List<Publication> cancelGroup(GroupId id) {
        List<Publication> cancelled = new ArrayList<>();
        for (Publication p : current(id)) {
            Publication latest = p;
            // A worker may move it meanwhile; look again once before leaving it.
            for (int attempt = 0; attempt < 2 && latest.state().canMoveTo(PublicationState.CANCELLED); attempt++) {
                Optional<Publication> done = store.update(latest.moveTo(PublicationState.CANCELLED,
                        clock.instant()));
                if (done.isPresent()) {
                    jobs.cancel(latest.id());
                    cancelled.add(done.get());
                    break;
                }
                latest = store.find(p.id()).orElse(latest);
            }
        }
        return cancelled;
    }

    /**
     * Replaces a group that has not started (every publication still QUEUED) with what {@code input} asks for,
     * under the same group id: text, media, time or targets.
     *
     * @throws OutpostException INVALID_INPUT when something started already, or as {@link #submitGroup}
     */
    public Group editGroup(GroupId id, ComposeInput input) {
        List<Publication> old = current(id);
        Instant now = clock.instant();
        if (old.stream().anyMatch(p -> p.state() != PublicationState.QUEUED
                || store.claimHolder(p.id(), now).isPresent())) {
            throw notEditable(id);
        }
        List<Publication> created = compose(id, input);
        if (!store.replaceQueued(old, created)) {
            throw notEditable(id);
        }
        old.forEach(p -> jobs.cancel(p.id()));
        List<Publication> stored = store.group(id);
        scheduleFirsts(stored);
        return group(stored);
    }

    private static OutpostException notEditable(GroupId id) {
        return OutpostException.invalid("group", "group " + id + " already started; only a group whose posts all"
                + " wait for their time can be edited (cancel what has not gone out instead)");
    }

    /** The group's publications as stored. @throws OutpostException INVALID_INPUT when there is none */
    private List<Publication> current(GroupId id) {
        List<Publication> found = store.group(id);
        if (found.isEmpty()) {
            throw OutpostException.invalid("group", "no group " + id);
        }
        return found;
    }

    private Group group(List<Publication> publications) {
        return new Group(publications.get(0).group(), publications.stream().map(this::details).toList());
    }

    /**
     * The publications a checked compose makes in group {@code id}: per target, a chain of its items.
     *
     * @throws OutpostException INVALID_INPUT with every problem
     */
    private List<Publication> compose(GroupId id, ComposeInput input) {
        ComposeCheck.Result checked = composeCheck.check(input);
        if (!checked.problems().isEmpty()) {
            throw OutpostException.invalid(checked.problems().stream().map(GroupProblem::toProblem).toList());
        }
        List<Publication> out = new ArrayList<>();
        checked.drafts().forEach((account, drafts) -> {
            Placement placement = Placement.first(id);
            for (Draft draft : drafts) {
                Publication p = queue(account, draft, placement);
                out.add(p);
                placement = placement.next(p.id());
            }
        });
        return out;
    }

    /** Schedules each chain's first post at its time; the others follow their predecessor. */
    private void scheduleFirsts(List<Publication> publications) {
        publications.stream().filter(p -> p.follows() == null).forEach(p -> jobs.schedule(p.id(), p.dueAt()));
    }

    /**
     * Schedules every publication a dead worker left half done (uploading, processing, publishing, unconfirmed) to
     * run now, and every queued one at its time; claims keep a live worker's publications from running twice.
     *
     * @return how many were scheduled
     */
    public int recoverInterrupted() {
        List<Publication> stuck = store.list(PublicationStore.Query.inStates(java.util.EnumSet.of(
                PublicationState.QUEUED, PublicationState.UPLOADING, PublicationState.PROCESSING,
                PublicationState.PUBLISHING, PublicationState.UNCONFIRMED)));
        Instant now = clock.instant();
        // A queued one may have no job (a run-at-once whose process died before it began): keep its own time.
        stuck.forEach(p -> jobs.schedule(p.id(), p.state() == PublicationState.QUEUED ? p.dueAt() : now));
        return stuck.size();
    }
}
