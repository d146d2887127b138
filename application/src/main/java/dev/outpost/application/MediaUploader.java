package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadResult;
import dev.outpost.ports.storage.UploadJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Uploads one file, resuming what an earlier run left in the journal: one request for what the platform prefers
 * that way, else INIT, one APPEND per segment (retried alone, bytes re-read from the file, split on 413), FINALIZE,
 * then status polls that honour the platform's wait. The journal advances only after the platform acknowledged a
 * step, so a crash at any point resumes without re-sending an acknowledged segment. Thread-safe.
 */
public final class MediaUploader {
    private final UploadJournal journal;
    private final AccessTokens tokens;
    private final Platforms platforms;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final UploadSettings settings;

    public MediaUploader(UploadJournal journal, AccessTokens tokens, Platforms platforms, Clock clock, Sleeper sleeper,
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
    public record Reporting(PublicationId publication, int mediaIndex, ProgressListener listener) {
        public static Reporting none() {
            return new Reporting(new PublicationId("none"), 0, ProgressListener.NONE);
        }

        void emit(ProgressEvent event) {
            listener.on(event);
        }
    }

    /**
     * Uploads (or resumes uploading) {@code target} and waits until the platform can attach it to a post.
     * {@code target.file()} must be freshly inspected: a journal entry for another fingerprint is discarded.
     *
     * @throws OutpostException naming the file when the platform refused it, processing failed, or retries ran out
     */
    public UploadSession.Succeeded upload(UploadTarget target, Reporting reporting) {
        Retrier retrier = new Retrier(settings, clock, sleeper, random, (operation, attempt, delay, reason, limited) ->
                reporting.emit(new ProgressEvent.Retrying(reporting.publication(), reporting.mediaIndex(), operation,
                        attempt, delay, reason, limited)));
        Job job = new Job(target, reporting, retrier);
        UploadSession session = resumable(target).orElse(null);
        for (int restarts = 0; ; restarts++) {
            try {
                if (session == null) {
                    session = job.begin();
                }
                return job.drive(session);
            } catch (PlatformException.InvalidRequest | PlatformException.Forbidden
                    | PlatformException.PayloadTooLarge refused) {
                throw new OutpostException(OutpostException.Kind.REFUSED, target.file().displayName()
                        + ": the platform refused it: " + refused.getMessage(), refused);
            } catch (RestartNeeded restart) {
                if (restarts >= 2) {
                    throw new OutpostException(OutpostException.Kind.FAILED, target.file().displayName()
                            + ": the upload had to start over three times (" + restart.getMessage() + ")");
                }
                journal.delete(target.id());
                session = null;
            }
        }
    }

    /** The journal's session for this upload, when it may be continued. */
    private Optional<UploadSession> resumable(UploadTarget target) {
        Optional<UploadSession> found = journal.find(target.id());
        if (found.isEmpty()) {
            return found;
        }
        UploadSession session = found.get();
        boolean sameFile = target.file().fingerprint().hashed()
                && session.target().file().fingerprint().equals(target.file().fingerprint());
        boolean expired = session.media().isExpiredAt(clock.instant());
        boolean deadEnd = session instanceof UploadSession.Failed || session instanceof UploadSession.Expired;
        if (!sameFile || expired || deadEnd) {
            // A changed file must be sent from byte 0; an expired media id cannot take more segments.
            journal.delete(target.id());
            return Optional.empty();
        }
        return found;
    }

    /** The platform or the journal says this upload cannot go on and must begin again with INIT. */
    private static final class RestartNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RestartNeeded(String message) {
            super(message, null, false, false);
        }
    }

    /** One upload's run. */
    private final class Job {
        private final UploadTarget target;
        private final MediaFile file;
        private final Reporting reporting;
        private final Retrier retrier;
        private final MediaTransport transport;
        private final long chunkSize;

        Job(UploadTarget target, Reporting reporting, Retrier retrier) {
            this.target = target;
            this.file = target.file();
            this.reporting = reporting;
            this.retrier = retrier;
            var platform = platforms.of(target.account());
            this.transport = platform.transport();
            this.chunkSize = platform.rules().chunkSize();
        }

        UploadSession begin() {
            if (transport.prefersSingleRequest(file)) {
                return single();
            }
            ChunkPlan plan;
            try {
                plan = ChunkPlan.of(file.size(), chunkSize);
            } catch (IllegalArgumentException e) {
                throw OutpostException.invalid("media[" + reporting.mediaIndex() + "]", file.displayName() + ": "
                        + e.getMessage());
            }
            RemoteMedia media = request("initialize the upload", false,
                    token -> transport.initialize(token, file));
            UploadSession session = UploadSession.initialized(target, media, plan);
            // The media id is journaled before the first APPEND, so a crash resumes this upload, not a new one.
            journal.save(session);
            return session;
        }

        private UploadSession single() {
            emit(new ProgressEvent.UploadStarted(reporting.publication(), reporting.mediaIndex(),
                    file.displayName(), file.size(), 1, 0));
            UploadResult result = request("upload", false, token -> transport.upload(token, file, sent -> { }));
            ChunkPlan whole = new ChunkPlan(file.size(), file.size(), List.of(new Segment(0, 0, file.size())));
            UploadSession session = UploadSession.initialized(target, result.media(), whole).acknowledge(0)
                    .finalizing().finalized(result.status());
            journal.save(session);
            emit(new ProgressEvent.BytesSent(reporting.publication(), reporting.mediaIndex(), file.size(),
                    file.size(), 1, 1));
            return session;
        }

        UploadSession.Succeeded drive(UploadSession start) {
            UploadSession session = start;
            boolean resumedAtFinalize = start instanceof UploadSession.Finalizing;
            while (true) {
                if (session instanceof UploadSession.Succeeded done) {
                    emit(new ProgressEvent.MediaReady(reporting.publication(), reporting.mediaIndex(),
                            done.media().mediaId()));
                    return done;
                }
                if (session instanceof UploadSession.Appending appending) {
                    session = appendAll(appending);
                } else if (session instanceof UploadSession.Finalizing finalizing) {
                    session = finalizeUpload(finalizing, resumedAtFinalize);
                } else if (session instanceof UploadSession.Processing processing) {
                    session = awaitProcessing(processing);
                } else if (session instanceof UploadSession.Failed failed) {
                    throw new OutpostException(OutpostException.Kind.REFUSED, file.displayName()
                            + ": the platform could not process it: " + failed.reason());
                } else {
                    throw new RestartNeeded("the media id expired");
                }
            }
        }

        private UploadSession appendAll(UploadSession.Appending start) {
            UploadSession.Appending state = start;
            emit(new ProgressEvent.UploadStarted(reporting.publication(), reporting.mediaIndex(), file.displayName(),
                    file.size(), state.plan().size(), state.acknowledgedBytes()));
            while (!state.isComplete()) {
                if (state.media().isExpiredAt(clock.instant())) {
                    journal.save(state.expire());
                    throw new RestartNeeded("the media id expired before every segment was sent");
                }
                AppendRound round = new AppendRound(state);
                state = round.run();
            }
            UploadSession.Finalizing finalizing = state.finalizing();
            journal.save(finalizing);
            return finalizing;
        }

        private UploadSession finalizeUpload(UploadSession.Finalizing finalizing, boolean resumed) {
            ProcessingStatus status;
            try {
                status = request("finalize the upload", false,
                        token -> transport.finalizeUpload(token, finalizing.media().mediaId()));
            } catch (PlatformException.InvalidRequest refused) {
                if (!resumed) {
                    throw new OutpostException(OutpostException.Kind.REFUSED, file.displayName()
                            + ": the platform refused to assemble the upload, so nothing will be posted with it ("
                            + refused.getMessage() + ")", refused);
                }
                // A run that died after FINALIZE was sent: the platform may have it already; ask where it stands.
                status = request("check the upload", false,
                        token -> transport.status(token, finalizing.media().mediaId()));
            }
            UploadSession next = finalizing.finalized(status);
            journal.save(next);
            return next;
        }

        private UploadSession awaitProcessing(UploadSession.Processing start) {
            Instant deadline = clock.instant().plus(settings.processingDeadline());
            UploadSession session = start;
            while (session instanceof UploadSession.Processing processing) {
                ProcessingStatus status = processing.status();
                emit(new ProgressEvent.Processing(reporting.publication(), reporting.mediaIndex(),
                        status.state().name().toLowerCase(java.util.Locale.ROOT), status.progressPercent()));
                Duration wait = status.checkAfter().compareTo(settings.minimumPollInterval()) < 0
                        ? settings.minimumPollInterval() : status.checkAfter();
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw new OutpostException(OutpostException.Kind.FAILED, file.displayName()
                            + ": the platform did not finish processing within " + settings.processingDeadline()
                            .toMinutes() + " min; resume later to keep waiting for the same media");
                }
                sleep(wait);
                ProcessingStatus next = request("check processing", false,
                        token -> transport.status(token, processing.media().mediaId()));
                session = processing.update(next);
                journal.save(session);
            }
            if (session instanceof UploadSession.Succeeded) {
                emit(new ProgressEvent.Processing(reporting.publication(), reporting.mediaIndex(), "succeeded", 100));
            }
            return session;
        }

        private <T> T request(String operation, boolean retryAmbiguous, java.util.function.Function<String, T> call) {
            try {
                return retrier.run(file.displayName() + ": " + operation, retryAmbiguous,
                        () -> tokens.call(target.account(), call));
            } catch (PlatformException.InvalidRequest | PlatformException.Forbidden
                    | PlatformException.PayloadTooLarge e) {
                throw e;
            } catch (PlatformException e) {
                throw new OutpostException(OutpostException.Kind.FAILED, file.displayName() + ": " + operation
                        + " failed: " + e.getMessage(), e);
            }
        }

        private void emit(ProgressEvent event) {
            reporting.emit(event);
        }

        private void sleep(Duration wait) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while waiting for processing",
                        e);
            }
        }

        /**
         * Sends the pending segments of one plan, several at once where allowed. A 413 stops the round: the
         * segments in flight finish, then the refused one is split and a new round begins.
         */
        private final class AppendRound {
            private UploadSession.Appending state;
            private final AtomicLong sentBytes;
            private volatile Segment refused;

            AppendRound(UploadSession.Appending state) {
                this.state = state;
                this.sentBytes = new AtomicLong(state.acknowledgedBytes());
            }

            UploadSession.Appending run() {
                List<Segment> pending = state.pendingSegments();
                int parallelism = transport.acceptsConcurrentAppends()
                        ? Math.min(settings.appendParallelism(), pending.size()) : 1;
                if (parallelism <= 1) {
                    for (Segment segment : pending) {
                        if (!send(segment)) {
                            break;
                        }
                    }
                } else {
                    runConcurrently(pending, parallelism);
                }
                if (refused != null) {
                    return split(refused);
                }
                return state;
            }

            private void runConcurrently(List<Segment> pending, int parallelism) {
                ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
                    Thread thread = new Thread(runnable, "outpost-append-" + target.id());
                    thread.setDaemon(true);
                    return thread;
                });
                try {
                    List<Future<Boolean>> futures = new ArrayList<>();
                    for (Segment segment : pending) {
                        futures.add(pool.submit(() -> refused == null && send(segment)));
                    }
                    RuntimeException first = null;
                    for (Future<Boolean> future : futures) {
                        try {
                            future.get();
                        } catch (ExecutionException e) {
                            if (first == null) {
                                first = e.getCause() instanceof RuntimeException runtime ? runtime
                                        : new IllegalStateException(e.getCause());
                                futures.forEach(other -> other.cancel(false));
                            }
                        } catch (java.util.concurrent.CancellationException ignored) {
                            // Not started because an earlier segment failed.
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while uploading",
                                    e);
                        }
                    }
                    if (first != null) {
                        throw first;
                    }
                } finally {
                    pool.shutdownNow();
                }
            }

            /** @return false when the segment was refused as too large (the round stops) */
            private boolean send(Segment segment) {
                String mediaId = state.media().mediaId();
                try {
                    request("send segment " + segment.index(), true, token -> {
                        transport.append(token, mediaId, segment, file, sent -> { });
                        return null;
                    });
                } catch (PlatformException.PayloadTooLarge tooLarge) {
                    refused = segment;
                    return false;
                } catch (PlatformException.InvalidRequest | PlatformException.Forbidden e) {
                    throw new OutpostException(OutpostException.Kind.REFUSED, file.displayName()
                            + ": the platform refused segment " + segment.index() + ": " + e.getMessage(), e);
                }
                acknowledge(segment);
                return true;
            }

            private synchronized void acknowledge(Segment segment) {
                state = state.acknowledge(segment.index());
                journal.save(state);
                long sent = sentBytes.addAndGet(segment.length());
                emit(new ProgressEvent.BytesSent(reporting.publication(), reporting.mediaIndex(), sent, file.size(),
                        state.acknowledged().size(), state.plan().size()));
            }

            private UploadSession.Appending split(Segment segment) {
                if (!state.plan().canSplit(segment.index())) {
                    throw new OutpostException(OutpostException.Kind.REFUSED, file.displayName()
                            + ": the platform refuses even a segment of " + segment.length() + " bytes");
                }
                try {
                    UploadSession.Appending smaller = state.split(segment.index());
                    journal.save(smaller);
                    return smaller;
                } catch (IllegalStateException later) {
                    // Segments after it are already on the server under their old indexes: start over, smaller.
                    throw new RestartNeeded("segment " + segment.index() + " was too large after later segments"
                            + " were sent");
                }
            }
        }
    }
}
