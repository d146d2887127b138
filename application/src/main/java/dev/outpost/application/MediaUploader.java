package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.FocalPoint;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import dev.outpost.ports.storage.UploadJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Uploads one file through its platform's transport, lending the transport what every platform needs (see
 * {@link UploadContext}): the journal of its resume state, valid credentials, one retry budget per upload, waits for
 * processing within a deadline, progress. A checkpoint left by a dead run is handed back when the file's content is
 * unchanged and the checkpoint has not expired; a finished upload is journaled as ready, so a later run of the same
 * publication attaches it without sending the file again. Thread-safe.
 */
final class MediaUploader {
    private final UploadJournal journal;
    private final AccessTokens tokens;
    private final Platforms platforms;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final UploadSettings settings;

    MediaUploader(UploadJournal journal, AccessTokens tokens, Platforms platforms, Clock clock, Sleeper sleeper,
            RandomGenerator random, UploadSettings settings) {
        this.journal = journal;
        this.tokens = tokens;
        this.platforms = platforms;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.settings = settings;
    }

    /** Where progress of one attachment is reported. */
    record Reporting(PublicationId publication, int mediaIndex, ProgressListener listener) {
        void emit(ProgressEvent event) {
            listener.on(event);
        }
    }

    /**
     * One file to upload.
     *
     * @param id Outpost's id of the upload, stable across runs
     * @param account whose media it becomes
     * @param file freshly inspected: a checkpoint for another fingerprint is discarded
     * @param altText null for none
     * @param focus the focal point, null for none
     */
    record Target(UploadId id, Account account, MediaFile file, String altText, FocalPoint focus) {
        Target {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(file, "file");
        }

        Target(UploadId id, Account account, MediaFile file, String altText) {
            this(id, account, file, altText, null);
        }
    }

    /**
     * Uploads (or resumes uploading) {@code target} and waits until the platform can attach it to a post.
     *
     * @throws OutpostException naming the file when the platform refused it, processing failed or took too long, or
     *     retries ran out
     */
    MediaRef upload(Target target, Reporting reporting) {
        Optional<UploadCheckpoint> resumed = resumable(target);
        if (resumed.isPresent() && resumed.get().phase() == UploadCheckpoint.Phase.READY) {
            reporting.emit(new ProgressEvent.MediaReady(reporting.publication(), reporting.mediaIndex(),
                    resumed.get().state()));
            return new MediaRef(resumed.get().state(), resumed.get().expiresAt());
        }
        var platform = platforms.of(target.account().id());
        Context context = new Context(target, reporting, resumed.orElse(null));
        MediaRef ref;
        try {
            ref = platform.transport().upload(context);
        } catch (PlatformException.InvalidRequest | PlatformException.Forbidden
                | PlatformException.PayloadTooLarge refused) {
            // A refusal is final for this state: a later run must start over, not repeat the same refusal.
            journal.delete(target.id());
            throw new OutpostException(OutpostException.Kind.REFUSED, target.file().displayName() + ": "
                    + platform.displayName() + " refused it: " + refused.getMessage(), refused);
        } catch (PlatformException e) {
            throw Failures.of(e, target.file().displayName() + ": the upload");
        }
        journal.save(new UploadCheckpoint(target.id(), target.account().id(), target.file(),
                UploadCheckpoint.Phase.READY, ref.value(), target.file().size(), ref.expiresAt()));
        reporting.emit(new ProgressEvent.MediaReady(reporting.publication(), reporting.mediaIndex(), ref.value()));
        return ref;
    }

    /** The journal's checkpoint for this upload, when it may be continued; anything else is discarded. */
    private Optional<UploadCheckpoint> resumable(Target target) {
        Optional<UploadCheckpoint> found = journal.find(target.id());
        if (found.isEmpty()) {
            return found;
        }
        UploadCheckpoint checkpoint = found.get();
        if (!checkpoint.continuesWith(target.file()) || checkpoint.isExpiredAt(clock.instant())) {
            // A changed file must be sent from its first byte; an expired state cannot be continued.
            journal.delete(target.id());
            return Optional.empty();
        }
        return found;
    }

    /** What one upload's transport may use. */
    private final class Context implements UploadContext {
        private final Target target;
        private final Reporting reporting;
        private final UploadCheckpoint resumed;
        private final Retrier retrier;
        private final AtomicInteger unhintedWaits = new AtomicInteger();
        private volatile Instant processingDeadline;

        Context(Target target, Reporting reporting, UploadCheckpoint resumed) {
            this.target = target;
            this.reporting = reporting;
            this.resumed = resumed;
            // One budget of retries for the whole upload, shared by its parallel requests.
            this.retrier = new Retrier(settings, clock, sleeper, random, (operation, attempt, delay, reason,
                    limited) -> reporting.emit(new ProgressEvent.Retrying(reporting.publication(),
                    reporting.mediaIndex(), operation, attempt, delay, reason, limited)));
        }

        @Override
        public MediaFile file() {
            return target.file();
        }

        @Override
        public String altText() {
            return target.altText();
        }

        @Override
        public FocalPoint focus() {
            return target.focus();
        }

        @Override
        public int parallelism() {
            return settings.appendParallelism();
        }

        @Override
        public Optional<UploadCheckpoint> resumed() {
            return Optional.ofNullable(resumed);
        }

        @Override
        public void checkpoint(UploadCheckpoint.Phase phase, String state, long bytesAcknowledged,
                Instant expiresAt) {
            if (phase == UploadCheckpoint.Phase.READY) {
                throw new IllegalArgumentException("the core journals a ready upload itself, with the reference the"
                        + " transport returns");
            }
            journal.save(new UploadCheckpoint(target.id(), target.account().id(), target.file(), phase, state,
                    bytesAcknowledged, expiresAt));
        }

        @Override
        public <T> T call(String operation, boolean repeatable, Function<AccountAccess, T> request) {
            return retrier.run(target.file().displayName() + ": " + operation, repeatable,
                    () -> tokens.call(target.account(), request));
        }

        @Override
        public void started(int parts, long alreadyAcknowledged) {
            reporting.emit(new ProgressEvent.UploadStarted(reporting.publication(), reporting.mediaIndex(),
                    target.file().displayName(), target.file().size(), parts, alreadyAcknowledged));
        }

        @Override
        public void acknowledged(long bytesAcknowledged, int partsDone, int parts) {
            reporting.emit(new ProgressEvent.BytesSent(reporting.publication(), reporting.mediaIndex(),
                    bytesAcknowledged, target.file().size(), partsDone, parts));
        }

        @Override
        public void awaitProcessing(Duration hint, int percent) {
            Instant now = clock.instant();
            if (processingDeadline == null) {
                processingDeadline = now.plus(settings.processingDeadline());
            }
            reporting.emit(new ProgressEvent.Processing(reporting.publication(), reporting.mediaIndex(),
                    "processing", percent < 0 || percent > 100 ? -1 : percent));
            Duration wait = hint != null ? hint : backoff(unhintedWaits.getAndIncrement());
            if (wait.compareTo(settings.minimumPollInterval()) < 0) {
                wait = settings.minimumPollInterval();
            }
            if (now.plus(wait).isAfter(processingDeadline)) {
                throw new OutpostException(OutpostException.Kind.FAILED, target.file().displayName()
                        + ": the platform did not finish processing within " + settings.processingDeadline()
                        .toMinutes() + " min; resume later to keep waiting for the same media");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while waiting for processing",
                        e);
            }
        }

        /** Without a hint: the minimum interval, doubling every two polls, at most the ceiling. */
        private Duration backoff(int waitsSoFar) {
            Duration wait = settings.minimumPollInterval().multipliedBy(1L << Math.min(10, waitsSoFar / 2));
            return wait.compareTo(settings.maximumPollInterval()) > 0 ? settings.maximumPollInterval() : wait;
        }
    }
}
