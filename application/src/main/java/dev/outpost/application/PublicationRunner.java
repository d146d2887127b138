package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.PublishedPost;
import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.UploadJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Runs one publication to its end, exactly once: claim it, upload its media (resuming), set alt text, await
 * processing, record the intent, send the post. When the outcome of the post request is unknown the publication
 * becomes UNCONFIRMED and is settled by reading the account's recent posts, never by posting blindly again.
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
     */
    public record Outcome(Publication publication, boolean ran, OutpostException.Kind failureKind, String heldBy) {
        public Outcome(Publication publication, boolean ran, OutpostException.Kind failureKind) {
            this(publication, ran, failureKind, null);
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

    public PublicationRunner(PublicationStore store, AccountStore accounts, UploadJournal journal, JobQueue jobs,
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
        try {
            Run run = new Run(store.find(id).orElseThrow());
            Publication after = run.execute();
            return new Outcome(after, true, run.failureKind);
        } finally {
            heartbeat.shutdownNow();
            store.release(id, worker);
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
        private OutpostException.Kind failureKind;

        Run(Publication publication) {
            this.current = publication;
            this.account = accounts.find(publication.account()).orElse(null);
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
                    case QUEUED, UPLOADING, PROCESSING -> {
                        List<String> mediaIds = uploadAll();
                        publish(mediaIds, 1);
                    }
                    // A run died after recording the intent: the post may exist. Look before anything else.
                    case PUBLISHING -> {
                        if (current.intent() == null) {
                            publish(uploadAll(), 1);
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
                OutpostException mapped = Failures.of(e, "publishing");
                return fail(mapped.kind(), mapped.getMessage());
            }
            return current;
        }

        private List<String> uploadAll() {
            move(PublicationState.UPLOADING);
            List<MediaAttachment> media = current.draft().media();
            List<String> ids = new ArrayList<>(media.size());
            ProgressListener processingWatch = event -> {
                listener.on(event);
                if (event instanceof ProgressEvent.Processing) {
                    markProcessing();
                }
            };
            boolean allImages = media.stream().allMatch(m -> !m.file().kind().isProcessedAsynchronously());
            int parallelism = allImages ? Math.min(uploadSettings.imageParallelism(), Math.max(1, media.size())) : 1;
            List<UploadSession.Succeeded> done = uploadEach(media, parallelism, processingWatch);
            for (int i = 0; i < media.size(); i++) {
                String mediaId = done.get(i).media().mediaId();
                describe(i, media.get(i), mediaId);
                ids.add(mediaId);
            }
            return ids;
        }

        private List<UploadSession.Succeeded> uploadEach(List<MediaAttachment> media, int parallelism,
                ProgressListener watch) {
            if (parallelism <= 1) {
                List<UploadSession.Succeeded> done = new ArrayList<>();
                for (int i = 0; i < media.size(); i++) {
                    done.add(uploadOne(i, media.get(i), watch));
                }
                return done;
            }
            ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
                Thread thread = new Thread(runnable, "outpost-upload-" + current.id());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<UploadSession.Succeeded>> futures = new ArrayList<>();
                for (int i = 0; i < media.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> uploadOne(index, media.get(index), watch)));
                }
                List<UploadSession.Succeeded> done = new ArrayList<>();
                for (Future<UploadSession.Succeeded> future : futures) {
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
                throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while uploading", e);
            } finally {
                pool.shutdownNow();
            }
        }

        private UploadSession.Succeeded uploadOne(int index, MediaAttachment attachment, ProgressListener watch) {
            // The file may have changed since it was attached; then it is sent from byte 0. Resuming checks the
            // whole content against the journal; a first run needs only size and time (no second pass over a video).
            UploadId id = uploadId(current.id(), index);
            String field = "media[" + index + "]";
            MediaFile fresh = journal.find(id).isPresent() ? inspector.inspect(attachment.file().path(), field)
                    : inspector.current(attachment.file(), field);
            UploadTarget target = new UploadTarget(id, current.account(), fresh);
            return uploader.upload(target, new MediaUploader.Reporting(current.id(), index, watch));
        }

        private void describe(int index, MediaAttachment attachment, String mediaId) {
            if (!attachment.hasAltText()) {
                return;
            }
            var transport = platforms.of(current.account()).transport();
            retrier().run("set the alt text of " + attachment.file().displayName(), true,
                    () -> tokens.call(current.account(), token -> {
                        transport.describe(token, mediaId, attachment.altText());
                        return null;
                    }));
        }

        private void publish(List<String> mediaIds, int attempt) {
            Instant sentAt = clock.instant();
            PublishIntent intent = PublishIntent.of(current.draft().text(), mediaIds, sentAt, attempt);
            // The intent is durable before any byte of the post request leaves.
            save(current.publishing(intent, sentAt));
            emit(new ProgressEvent.StateChanged(current.id(), PublicationState.PUBLISHING));
            var publisher = platforms.of(current.account()).publisher();
            PostRequest request = new PostRequest(current.draft().text(), mediaIds, current.draft().replyToPostId());
            try {
                PublishedPost post = retrier().run("publish the post", false,
                        () -> tokens.call(current.account(), token -> publisher.publish(token, request)));
                published(post);
            } catch (PlatformException.Ambiguous e) {
                unconfirmed("the platform did not answer whether the post was created (" + e.getMessage()
                        + "); checking the account's posts");
                reconcile();
            } catch (PlatformException.Forbidden e) {
                if (e.reason() != PlatformException.Forbidden.Reason.DUPLICATE_CONTENT) {
                    throw e;
                }
                unconfirmed("the platform says this text was already posted; checking the account's posts");
                reconcile();
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
            var publisher = platforms.of(current.account()).publisher();
            List<PublishedPost> posts;
            try {
                posts = retrier().run("read the account's recent posts", true,
                        () -> tokens.call(current.account(), token -> publisher.recentPosts(token,
                                account.platformUserId(), intent.sentAt().minus(settings.reconcileLookBack()))));
            } catch (PlatformException.Forbidden | PlatformException.InvalidRequest noReadAccess) {
                unconfirmed("Outpost cannot read the account's posts to check whether this one was published ("
                        + noReadAccess.getMessage() + "); look at the profile before publishing it again");
                return;
            }
            for (PublishedPost post : posts) {
                if (Reconciliation.matches(intent, post)) {
                    published(post);
                    return;
                }
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
            publish(intent.mediaIds(), intent.attempt() + 1);
        }

        private void published(PublishedPost post) {
            save(current.published(post.id(), clock.instant()));
            for (int i = 0; i < current.draft().media().size(); i++) {
                journal.delete(uploadId(current.id(), i));
            }
            emit(new ProgressEvent.Published(current.id(), post.id(), post.url()));
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

        private Retrier retrier() {
            return new Retrier(uploadSettings, clock, sleeper, random, (operation, attempt, delay, reason, limited) ->
                    emit(new ProgressEvent.Retrying(current.id(), -1, operation, attempt, delay, reason, limited)));
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
