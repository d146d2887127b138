package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.UploadJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Runs one publication to its end, exactly once: claim it, upload its media (resuming), record the intent, send the
 * post with the idempotency key chosen when it was created. When the outcome of the post request is unknown the
 * publication becomes UNCONFIRMED and is settled by asking the platform whether the post exists (its plugin knows
 * how), never by posting blindly again; a platform that deduplicates by the key is simply asked again.
 */
public final class PublicationRunner {
    /**
     * @param lease how long a claim holds without a heartbeat (a dead worker's publications are free after it)
     * @param reconcileGrace how long after sending a post that was not found it may still appear
     */
    public record Settings(Duration lease, Duration reconcileGrace, Duration reconcileLookBack) {
        /** A 30 s lease renewed every 10 s: a killed worker's publication is free again half a minute later. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofMinutes(5));
    }

    /**
     * What one call to {@link #runDetailed} did.
     *
     * @param publication as stored afterwards
     * @param ran false when another worker held the claim and nothing was done
     * @param failureKind why this run failed, when it did; null otherwise
     * @param heldBy the worker whose claim kept this one from running; null when it ran, or when nobody holds it now
     * @param waitingFor the previous post of its thread, not yet published, that kept it from running; else null
     */
    public record Outcome(Publication publication, boolean ran, OutpostException.Kind failureKind, String heldBy,
            PublicationId waitingFor) {
        public Outcome(Publication publication, boolean ran, OutpostException.Kind failureKind, String heldBy) {
            this(publication, ran, failureKind, heldBy, null);
        }

        public Outcome(Publication publication, boolean ran, OutpostException.Kind failureKind) {
            this(publication, ran, failureKind, null, null);
        }

        /** Whether it did not run because the previous post of its thread is not published yet. */
        public boolean waiting() {
            return waitingFor != null;
        }
    }

    private final PublicationStore store;
    private final AccountStore accounts;
    private final UploadJournal journal;
    private final JobQueue jobs;
    private final Platforms platforms;
    private final AccessTokens tokens;
    private final MediaUploader uploader;
    private final MediaInspector inspector;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final UploadSettings uploadSettings;
    private final Settings settings;
    private final ProgressListener listener;
    private final String worker;
    private final ClaimHolders holders;
    /** The publications this runner holds claims on now. */
    private final java.util.Set<PublicationId> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PublicationRunner(PublicationStore store, AccountStore accounts, UploadJournal journal, JobQueue jobs,
            Platforms platforms, AccessTokens tokens, MediaUploader uploader, MediaInspector inspector, Clock clock,
            Sleeper sleeper, RandomGenerator random, UploadSettings uploadSettings, Settings settings,
            ProgressListener listener, String worker, ClaimHolders holders) {
        this.store = store;
        this.accounts = accounts;
        this.journal = journal;
        this.jobs = jobs;
        this.platforms = platforms;
        this.tokens = tokens;
        this.uploader = uploader;
        this.inspector = inspector;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.uploadSettings = uploadSettings;
        this.settings = settings;
        this.listener = listener;
        this.worker = worker;
        this.holders = holders;
    }

    /**
     * Runs the publication if no other worker holds it; returns it as it stands afterwards. Failures are recorded
     * on the publication (FAILED with the reason), not thrown, except storage faults.
     */
    public Publication run(PublicationId id) {
        return runDetailed(id).publication();
    }

    /** Like {@link #run}, and says whether it ran and why it failed. */
    public Outcome runDetailed(PublicationId id) {
        Instant now = clock.instant();
        Publication before = store.find(id).orElseThrow(() -> OutpostException.invalid("publication",
                "no publication " + id));
        PublicationId previous = before.follows();
        if (previous != null && !isPublished(previous)) {
            // The previous post of its thread is not out: it would answer nothing. It runs when that one is published.
            return new Outcome(before, false, null, null, previous);
        }
        if (!store.claim(id, worker, now, settings.lease()) && !takeOverFromDead(id, now)) {
            // Read again: after a lost take-over the holder is the winner, not the dead one.
            return new Outcome(store.find(id).orElseThrow(), false, null, store.claimHolder(id, now).orElse(null));
        }
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outpost-claim-" + id);
            thread.setDaemon(true);
            return thread;
        });
        long beat = Math.max(1, settings.lease().toMillis() / 3);
        heartbeat.scheduleAtFixedRate(() -> store.claim(id, worker, clock.instant(), settings.lease()), beat, beat,
                TimeUnit.MILLISECONDS);
        running.add(id);
        try {
            Run run = new Run(store.find(id).orElseThrow());
            Publication after = run.execute();
            return new Outcome(after, true, run.failureKind);
        } finally {
            heartbeat.shutdownNow();
            running.remove(id);
            store.release(id, worker);
        }
    }

    private boolean isPublished(PublicationId id) {
        return store.find(id).map(p -> p.state() == PublicationState.PUBLISHED).orElse(false);
    }

    /** Runs one publication of a group, for {@link #runGroup(GroupId, Predicate, boolean, Attempt, GroupListener)}. */
    @FunctionalInterface
    public interface Attempt {
        Outcome run(PublicationId id) throws InterruptedException;
    }

    /** What a group's run tells as it goes; called from the chains' threads, so concurrently for several accounts. */
    public interface GroupListener {
        /** {@code publication} is about to run. */
        default void starting(Publication publication) {
        }

        /** It ran, or was found done, held or waiting: see the outcome. */
        default void ended(Publication publication, Outcome outcome) {
        }

        /** The attempt threw instead of recording the failure on the publication; its chain stops there. */
        default void refused(Publication publication, OutpostException error) {
        }
    }

    /**
     * Runs a group at once: each account's thread in order, item after item, stopping at an item that does not end
     * published; the accounts one after another, or concurrently when {@code parallel}.
     *
     * @return the outcome of every publication of the group, in the group's order (by account, then item); a
     *     publication after one that stopped its chain is reported waiting
     * @throws OutpostException INVALID_INPUT when there is no such group
     */
    public List<Outcome> runGroup(GroupId group, boolean parallel) {
        try {
            return runGroup(group, first -> true, parallel, this::runDetailed, new GroupListener() {
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while publishing", e);
        }
    }

    /**
     * Runs a group at once as {@link #runGroup(GroupId, boolean)} does, with the caller's way of running one
     * publication (a command line waits there for a live run's claim) and its listener.
     *
     * @param startChain which accounts' chains to run: those whose first publication not yet published it accepts
     *     (the others are reported as they stand)
     */
    public List<Outcome> runGroup(GroupId group, Predicate<Publication> startChain, boolean parallel,
            Attempt attempt, GroupListener listener) throws InterruptedException {
        Map<AccountId, List<Publication>> chains = new LinkedHashMap<>();
        store.group(group).forEach(p -> chains.computeIfAbsent(p.account(), a -> new ArrayList<>()).add(p));
        if (chains.isEmpty()) {
            throw OutpostException.invalid("group", "no group " + group);
        }
        List<Callable<List<Outcome>>> tasks = chains.values().stream()
                .map(chain -> (Callable<List<Outcome>>) () -> chain.stream()
                        .filter(p -> p.state() != PublicationState.PUBLISHED).findFirst().filter(startChain)
                        .isPresent() ? runChain(chain, attempt, listener) : asTheyStand(chain))
                .toList();
        List<List<Outcome>> done = new ArrayList<>();
        if (!parallel || tasks.size() == 1) {
            for (Callable<List<Outcome>> task : tasks) {
                done.add(call(task));
            }
        } else {
            done = inParallel("outpost-group-" + group, tasks.size(), tasks, "publishing");
        }
        List<Outcome> out = new ArrayList<>();
        done.forEach(out::addAll);
        return out;
    }

    private static <T> T call(Callable<T> task) throws InterruptedException {
        try {
            return task.call();
        } catch (RuntimeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Outcome> asTheyStand(List<Publication> chain) {
        return chain.stream().map(p -> new Outcome(store.find(p.id()).orElse(p), false, null)).toList();
    }

    /** One account's posts in order; after one that does not end published, the rest wait. */
    private List<Outcome> runChain(List<Publication> chain, Attempt attempt, GroupListener listener)
            throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        boolean stopped = false;
        for (Publication p : chain) {
            Publication current = store.find(p.id()).orElse(p);
            if (stopped) {
                out.add(new Outcome(current, false, null, null, current.follows()));
                continue;
            }
            if (current.state().isTerminal()) {
                // Published: on to the next; failed or cancelled: the chain ends here, as after a failed run.
                out.add(new Outcome(current, false, null));
                stopped = current.state() != PublicationState.PUBLISHED;
                continue;
            }
            listener.starting(current);
            Outcome outcome;
            try {
                outcome = attempt.run(current.id());
            } catch (OutpostException refused) {
                listener.refused(current, refused);
                out.add(new Outcome(store.find(p.id()).orElse(current), false, refused.kind()));
                stopped = true;
                continue;
            }
            listener.ended(current, outcome);
            out.add(outcome);
            stopped = outcome.publication().state() != PublicationState.PUBLISHED;
        }
        return out;
    }

    /**
     * Runs the tasks on daemon threads, {@code threads} at a time, and returns their results in the tasks' order; the
     * first failure (in that order) is thrown as it was, and the tasks still running are interrupted.
     */
    private static <T> List<T> inParallel(String threadName, int threads, List<Callable<T>> tasks, String doing) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            List<T> done = new ArrayList<>();
            for (Future<T> future : futures) {
                done.add(future.get());
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while " + doing, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Gives up the claims of the publications this runner is running, for a process about to stop: the next run (here
     * or elsewhere) need not wait for the lease to lapse. Best effort, and safe from a signal handler: a store that is
     * closing already leaves the lease to lapse by itself.
     */
    public void releaseClaims() {
        for (PublicationId id : running) {
            try {
                store.release(id, worker);
            } catch (RuntimeException closing) {
                // The lease lapses by itself, and this machine's next run takes a dead process's claim over at once.
            }
        }
    }

    /**
     * Takes the claim over from a holder that is provably dead (a killed run on this host): compare-and-set on that
     * holder, so of several runs resuming at once only one wins, and a holder that meanwhile released or lost the
     * claim to a live worker is not taken from.
     */
    private boolean takeOverFromDead(PublicationId id, Instant now) {
        String holder = store.claimHolder(id, now).orElse(null);
        if (holder == null || !holders.provablyDead(holder)
                || !store.takeOver(id, holder, worker, now, settings.lease())) {
            return false;
        }
        listener.on(new ProgressEvent.ClaimTakenOver(id, holder));
        return true;
    }

    /** One run of one publication; {@code current} is always the stored version. */
    private final class Run {
        private Publication current;
        private final Account account;
        private final Platforms.Platform platform;
        private final Retrier retrier;
        private OutpostException.Kind failureKind;

        Run(Publication publication) {
            this.current = publication;
            this.account = accounts.find(publication.account()).orElse(null);
            this.platform = platforms.of(publication.account());
            // One budget of retries for this run's own requests (the uploads have theirs).
            this.retrier = new Retrier(uploadSettings, clock, sleeper, random, (operation, attempt, delay, reason,
                    limited) -> emit(new ProgressEvent.Retrying(current.id(), -1, operation, attempt, delay, reason,
                    limited)));
        }

        Publication execute() {
            if (current.state().isTerminal()) {
                return current;
            }
            if (account == null) {
                return fail(OutpostException.Kind.RECONNECT_NEEDED, "the account " + current.account()
                        + " is no longer connected");
            }
            try {
                switch (current.state()) {
                    case QUEUED, UPLOADING, PROCESSING -> publish(uploadAll(), 1, true);
                    // A run died after recording the intent: the post may exist. Look before anything else.
                    case PUBLISHING -> {
                        if (current.intent() == null) {
                            publish(uploadAll(), 1, true);
                        } else {
                            reconcile();
                        }
                    }
                    case UNCONFIRMED -> reconcile();
                    default -> {
                    }
                }
            } catch (OutpostException e) {
                if (e.kind() == OutpostException.Kind.UNCONFIRMED) {
                    return current;
                }
                return fail(e.kind(), e.getMessage());
            } catch (PlatformException e) {
                OutpostException mapped = Failures.of(e, "publishing to " + platform.displayName());
                return fail(mapped.kind(), mapped.getMessage());
            }
            return current;
        }

        private List<PostRequest.Media> uploadAll() {
            move(PublicationState.UPLOADING);
            List<MediaAttachment> media = current.draft().media();
            ProgressListener processingWatch = event -> {
                listener.on(event);
                if (event instanceof ProgressEvent.Processing) {
                    markProcessing();
                }
            };
            boolean allImages = media.stream().allMatch(m -> m.file().kind() == MediaKind.IMAGE);
            int parallelism = allImages ? Math.min(uploadSettings.imageParallelism(), Math.max(1, media.size())) : 1;
            List<MediaRef> refs = uploadEach(media, parallelism, processingWatch);
            List<PostRequest.Media> out = new ArrayList<>(media.size());
            for (int i = 0; i < media.size(); i++) {
                out.add(new PostRequest.Media(refs.get(i).value(), media.get(i).file().type(),
                        media.get(i).altText()));
            }
            return out;
        }

        private List<MediaRef> uploadEach(List<MediaAttachment> media, int parallelism, ProgressListener watch) {
            if (parallelism <= 1) {
                List<MediaRef> done = new ArrayList<>();
                for (int i = 0; i < media.size(); i++) {
                    done.add(uploadOne(i, media.get(i), watch));
                }
                return done;
            }
            List<Callable<MediaRef>> uploads = new ArrayList<>();
            for (int i = 0; i < media.size(); i++) {
                int index = i;
                uploads.add(() -> uploadOne(index, media.get(index), watch));
            }
            return inParallel("outpost-upload-" + current.id(), parallelism, uploads, "uploading");
        }

        private MediaRef uploadOne(int index, MediaAttachment attachment, ProgressListener watch) {
            // The file may have changed since it was attached; then it is sent from byte 0. Resuming checks the
            // whole content against the journal; a first run needs only size and time (no second pass over a video).
            UploadId id = uploadId(current.id(), index);
            String field = "media[" + index + "]";
            MediaFile fresh = journal.find(id).isPresent() ? inspector.inspect(attachment.file().path(), field)
                    : inspector.current(attachment.file(), field);
            return uploader.upload(new MediaUploader.Target(id, account, fresh, attachment.altText(),
                    attachment.focus()),
                    new MediaUploader.Reporting(current.id(), index, watch));
        }

        private PostRequest request(List<PostRequest.Media> media) {
            Draft draft = current.draft();
            return new PostRequest(draft.text(), media, replyTo(), current.idempotencyKey(), draft.options());
        }

        /** What the post answers: the previous post of its thread (by its plugin's reply reference), or the draft's. */
        private String replyTo() {
            PublicationId previous = current.follows();
            if (previous == null) {
                return current.draft().replyTo();
            }
            Publication before = store.find(previous).orElseThrow(() -> new IllegalStateException("publication "
                    + current.id() + " follows " + previous + ", which is gone"));
            if (before.remote() == null) {
                throw new IllegalStateException("publication " + current.id() + " runs before " + previous
                        + " is published");
            }
            return before.remote().replyRef();
        }

        /**
         * Records the intent, then sends the post.
         *
         * @param mayReupload whether media the platform lost may be uploaded again once
         */
        private void publish(List<PostRequest.Media> media, int attempt, boolean mayReupload) {
            Instant sentAt = clock.instant();
            PostRequest request = request(media);
            PublishIntent intent = PublishIntent.of(request.text(), request.mediaRefs(), sentAt, attempt);
            // The intent is durable before any byte of the post request leaves.
            save(current.publishing(intent, sentAt));
            emit(new ProgressEvent.StateChanged(current.id(), PublicationState.PUBLISHING));
            var publisher = platform.publisher();
            try {
                // A platform that deduplicates by the idempotency key makes a repeat after a lost answer safe.
                RemotePost post = retrier.run("publish the post", publisher.deduplicates(),
                        () -> tokens.call(account, access -> publisher.publish(access, request)));
                published(post);
            } catch (PlatformException.Ambiguous e) {
                unconfirmed(platform.displayName() + " did not answer whether the post was created ("
                        + e.getMessage() + "); checking the account's posts");
                reconcile();
            } catch (PlatformException.Forbidden e) {
                if (e.reason() != PlatformException.Forbidden.Reason.DUPLICATE_CONTENT) {
                    throw e;
                }
                settleDuplicate(request, e);
            } catch (PlatformException.MediaExpired e) {
                if (!mayReupload || media.isEmpty()) {
                    throw e;
                }
                // The platform collected the uploads before the post: send them again, then the post, once.
                for (int i = 0; i < current.draft().media().size(); i++) {
                    journal.delete(uploadId(current.id(), i));
                }
                save(current.moveTo(PublicationState.UPLOADING, clock.instant()));
                publish(uploadAll(), attempt, false);
            }
        }

        /**
         * The platform refused the text as a duplicate: an earlier attempt of this publication may have made the post
         * (then it is published); otherwise it fails at once and is never sent again.
         */
        private void settleDuplicate(PostRequest request, PlatformException.Forbidden refusal) {
            Settlement settlement = settle(request, current.createdAt());
            if (settlement instanceof Settlement.Found found) {
                published(found.post());
                return;
            }
            RemotePost lookalike = settlement instanceof Settlement.Absent absent ? absent.lookalike() : null;
            String link = lookalike == null ? "" : lookalike.url() != null ? ": " + lookalike.url()
                    : " (post " + lookalike.id() + ")";
            throw new OutpostException(OutpostException.Kind.REFUSED, refusal.getMessage() + link
                    + "; change the text to post it again", refusal);
        }

        /**
         * Asks the platform whether the post {@code request} describes exists, made since a little before
         * {@code since} (clocks differ); a platform that will not let Outpost look answers as one that cannot tell.
         */
        private Settlement settle(PostRequest request, Instant since) {
            try {
                return retrier.run("check whether the post exists", true, () -> tokens.call(account,
                        access -> platform.publisher().settle(access, request,
                                since.minus(settings.reconcileLookBack()))));
            } catch (PlatformException.Forbidden | PlatformException.InvalidRequest noReadAccess) {
                return new Settlement.Unknown(noReadAccess.getMessage());
            }
        }

        private void reconcile() {
            PublishIntent intent = current.intent();
            if (intent == null) {
                throw new IllegalStateException("publication " + current.id() + " has no intent to reconcile");
            }
            if (current.state() != PublicationState.UNCONFIRMED) {
                unconfirmed("the previous run stopped after sending the post; checking the account's posts");
            }
            List<PostRequest.Media> media = mediaOf(intent);
            PostRequest request = request(media);
            Settlement settlement = settle(request, intent.sentAt());
            if (settlement instanceof Settlement.Found found) {
                published(found.post());
                return;
            }
            if (settlement instanceof Settlement.Unknown unknown) {
                unconfirmed("Outpost cannot check whether this post was published (" + unknown.reason()
                        + "); look at the profile before publishing it again");
                return;
            }
            Instant graceEnds = intent.sentAt().plus(settings.reconcileGrace());
            if (clock.instant().isBefore(graceEnds)) {
                // Not visible yet: look again when the grace period ends.
                jobs.schedule(current.id(), graceEnds);
                return;
            }
            if (intent.attempt() >= 2) {
                throw new OutpostException(OutpostException.Kind.FAILED, "the post was sent twice and found neither"
                        + " time; it was not published");
            }
            publish(media, intent.attempt() + 1, false);
        }

        /** The attachments as the intent recorded them: its references, with the draft's types and alt texts. */
        private List<PostRequest.Media> mediaOf(PublishIntent intent) {
            List<MediaAttachment> draft = current.draft().media();
            List<PostRequest.Media> out = new ArrayList<>();
            for (int i = 0; i < intent.mediaIds().size(); i++) {
                MediaAttachment attachment = i < draft.size() ? draft.get(i) : null;
                out.add(new PostRequest.Media(intent.mediaIds().get(i), attachment == null
                        ? MediaType.PNG : attachment.file().type(),
                        attachment == null ? null : attachment.altText()));
            }
            return out;
        }

        private void published(RemotePost post) {
            save(current.published(post, clock.instant()));
            for (int i = 0; i < current.draft().media().size(); i++) {
                journal.delete(uploadId(current.id(), i));
            }
            emit(new ProgressEvent.Published(current.id(), post.id(), post.url()));
            // The next post of its thread may go now; it answers this one.
            store.follower(current.id()).filter(next -> next.state() == PublicationState.QUEUED)
                    .ifPresent(next -> jobs.schedule(next.id(), clock.instant()));
        }

        private void unconfirmed(String reason) {
            save(current.unconfirmed(reason, clock.instant()));
            emit(new ProgressEvent.Unconfirmed(current.id(), reason));
        }

        private synchronized void markProcessing() {
            if (current.state() == PublicationState.UPLOADING) {
                move(PublicationState.PROCESSING);
            }
        }

        private synchronized void move(PublicationState state) {
            if (current.state() == state) {
                return;
            }
            save(current.moveTo(state, clock.instant()));
            emit(new ProgressEvent.StateChanged(current.id(), state));
        }

        private Publication fail(OutpostException.Kind kind, String reason) {
            if (current.state().canMoveTo(PublicationState.FAILED)) {
                failureKind = kind;
                save(current.failed(reason, clock.instant()));
                emit(new ProgressEvent.Failed(current.id(), reason));
            }
            return current;
        }

        private synchronized void save(Publication next) {
            current = store.update(next).orElseThrow(() -> new IllegalStateException("publication " + next.id()
                    + " was changed by another worker while this one held its claim"));
        }

        private void emit(ProgressEvent event) {
            listener.on(event);
        }
    }

    /** The upload id of a publication's attachment: stable, so a new run finds the journal of the last. */
    public static UploadId uploadId(PublicationId publication, int index) {
        return new UploadId(publication.value() + "-" + index);
    }
}
