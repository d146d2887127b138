package dev.outpost.x;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.upload.UploadCheckpoint.Phase;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upload of one file to X, through the core's {@link UploadContext}: an image in one request; a GIF or video by
 * INIT, one APPEND per segment (several in flight where allowed, each retried alone with its bytes read again from
 * the file, split on 413), FINALIZE, then STATUS polls as X asks; the alt text last. The journal advances only after
 * X acknowledged a step, so a run killed at any point is continued by the next without sending an acknowledged
 * segment again. Not thread-safe: one run per upload, which it drives from the calling thread (APPENDs in flight
 * run on a pool of its own).
 */
final class UploadRun {
    /** Starting over because the media id expired is allowed this often per upload (three INITs in all). */
    private static final int MAX_EXPIRY_RESTARTS = 2;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final XMediaRequests x;
    private final UploadContext ctx;
    private final MediaFile file;
    private final Clock clock;
    private final boolean concurrentAppends;
    /** Shrinks for the rest of the upload (restarts included) once X refused a segment as too large. */
    private volatile long chunkSize;
    private Instant expiresAt;

    UploadRun(XMediaRequests x, UploadContext ctx, Clock clock, long chunkSize, boolean concurrentAppends) {
        this.x = x;
        this.ctx = ctx;
        this.file = ctx.file();
        this.clock = clock;
        this.concurrentAppends = concurrentAppends;
        // Never more than X's 1,000 segments, whatever the setting says.
        this.chunkSize = Math.max(chunkSize, ChunkPlan.smallestChunk(file.size()));
    }

    /** X can't continue this upload, which must begin again with INIT. */
    private static final class RestartNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The chunk size to begin again with after a 413, or 0 when the media id expired. */
        private final long smallerChunk;

        RestartNeeded(String message, long smallerChunk) {
            super(message, null, false, false);
            this.smallerChunk = smallerChunk;
        }
    }

    MediaRef run() {
        UploadSession session = null;
        boolean resumed = false;
        Optional<ResumeState.Resumed> checkpoint = ctx.resumed()
                .flatMap(c -> ResumeState.decode(c.phase(), c.state(), file.size()))
                .filter(r -> !r.session().media().isExpiredAt(clock.instant()));
        if (checkpoint.isPresent()) {
            session = checkpoint.get().session();
            resumed = true;
            if (session instanceof UploadSession.Appending) {
                chunkSize = Math.min(chunkSize, checkpoint.get().chunkSize());
            }
        }
        int expiryRestarts = 0;
        while (true) {
            try {
                if (session == null) {
                    session = begin();
                } else if (resumed && session instanceof UploadSession.Processing processing) {
                    // Every byte is on X already. The run that died was waiting: time has passed, so ask at once.
                    ctx.started(1, file.size());
                    session = processing.update(recheck(processing.media()));
                }
                UploadSession.Succeeded done = drive(session, resumed);
                return ready(done.media());
            } catch (RestartNeeded restart) {
                if (restart.smallerChunk > 0) {
                    // Strictly smaller each time (half a refused segment, never more than the chunk), so this ends.
                    chunkSize = Math.min(chunkSize, restart.smallerChunk);
                } else if (++expiryRestarts > MAX_EXPIRY_RESTARTS) {
                    throw new PlatformException.InvalidRequest("media_expired", file.displayName()
                            + ": the upload had to start over " + (MAX_EXPIRY_RESTARTS + 1) + " times ("
                            + restart.getMessage() + ")");
                }
                session = null;
                resumed = false;
            }
        }
    }

    private UploadSession begin() {
        if (file.kind() == MediaKind.IMAGE) {
            return single();
        }
        ChunkPlan plan = plan();
        RemoteMedia media = ctx.call("initialize the upload", false, access -> x.initialize(access, file));
        expiresAt = media.expiresAt();
        UploadSession.Appending session = UploadSession.initialized(media, plan, file.size());
        // The media id is journaled before the first APPEND, so a killed run resumes this upload, not a new one.
        checkpoint(session);
        return session;
    }

    private ChunkPlan plan() {
        try {
            return ChunkPlan.of(file.size(), chunkSize);
        } catch (IllegalArgumentException e) {
            if (file.size() > 0) {
                // Only a chunk shrunk after 413s can need more than X's 1,000 segments.
                throw new PlatformException.PayloadTooLarge(file.displayName() + ": X refuses segments of "
                        + (chunkSize * 2) + " bytes, and " + file.size() + " bytes cannot be sent in "
                        + ChunkPlan.MAX_SEGMENTS + " smaller ones");
            }
            throw new PlatformException.InvalidRequest("empty_file", file.displayName() + ": " + e.getMessage());
        }
    }

    /** X's simple upload: one request, which X usually answers with media ready at once. */
    private UploadSession single() {
        ctx.started(1, 0);
        XMediaRequests.Answer answer = ctx.call("upload", false, access -> x.upload(access, file));
        expiresAt = answer.media().expiresAt();
        ctx.acknowledged(file.size(), 1, 1);
        UploadSession next = UploadSession.Processing.next(answer.media(), answer.status());
        if (next instanceof UploadSession.Processing) {
            ctx.checkpoint(Phase.PROCESSING, ResumeState.processing(answer.media()), file.size(), expiresAt);
        }
        return next;
    }

    private UploadSession.Succeeded drive(UploadSession start, boolean resumed) {
        UploadSession session = start;
        // A checkpoint with every segment acknowledged may be from a run that died after FINALIZE was sent.
        boolean finalizeMayHaveBeenSent = resumed && start instanceof UploadSession.Appending appending
                && appending.isComplete();
        while (true) {
            if (session instanceof UploadSession.Succeeded done) {
                return done;
            }
            if (session instanceof UploadSession.Appending appending) {
                if (appending.isComplete()) {
                    ctx.started(appending.plan().size(), file.size());
                    session = appending.finalizing();
                } else {
                    session = appendAll(appending);
                }
            } else if (session instanceof UploadSession.Finalizing finalizing) {
                session = finalizeUpload(finalizing, finalizeMayHaveBeenSent);
            } else if (session instanceof UploadSession.Processing processing) {
                session = awaitProcessing(processing);
            } else if (session instanceof UploadSession.Failed failed) {
                throw new PlatformException.InvalidRequest("processing_failed", file.displayName() + ": "
                        + failed.reason());
            } else {
                throw new RestartNeeded("the media id expired", 0);
            }
        }
    }

    private UploadSession.Finalizing appendAll(UploadSession.Appending start) {
        UploadSession.Appending state = start;
        if (expiresAt == null) {
            expiresAt = state.media().expiresAt();
        }
        ctx.started(state.plan().size(), state.acknowledgedBytes());
        while (!state.isComplete()) {
            if (state.media().isExpiredAt(clock.instant())) {
                throw new RestartNeeded("media id " + state.media().mediaId() + " expired before every segment was"
                        + " sent", 0);
            }
            state = new AppendRound(state).run();
        }
        return state.finalizing();
    }

    private UploadSession finalizeUpload(UploadSession.Finalizing finalizing, boolean mayHaveBeenSent) {
        String id = finalizing.media().mediaId();
        XMediaRequests.Answer answer;
        try {
            answer = ctx.call("finalize the upload", false, access -> x.finalizeUpload(access, id));
        } catch (PlatformException.InvalidRequest refused) {
            if (saysExpired(refused)) {
                throw new RestartNeeded(refused.getMessage(), 0);
            }
            if (!mayHaveBeenSent) {
                throw dataLoss(refused.code(), refused.getMessage());
            }
            // The run that died may have sent FINALIZE already: X then knows where the media stands.
            try {
                answer = ctx.call("check the upload", true, access -> x.status(access, id));
            } catch (PlatformException.InvalidRequest unknown) {
                throw dataLoss(refused.code(), refused.getMessage());
            }
        }
        if (answer.size() >= 0 && answer.size() != file.size()) {
            throw dataLoss("size_mismatch", "X holds " + answer.size() + " bytes of media " + id + ", "
                    + file.displayName() + " has " + file.size());
        }
        expiresAt = answer.media().expiresAt();
        UploadSession next = finalizing.finalized(answer.status());
        if (next instanceof UploadSession.Processing) {
            ctx.checkpoint(Phase.PROCESSING, ResumeState.processing(finalizing.media().withExpiry(expiresAt)),
                    file.size(), expiresAt);
        }
        return next;
    }

    /** X and Outpost disagree on what was sent: the media is unusable, and nothing may be posted with it. */
    private PlatformException.InvalidRequest dataLoss(String code, String detail) {
        return new PlatformException.InvalidRequest(code, file.displayName() + ": X did not assemble the "
                + file.size() + " bytes sent (" + detail + "); the upload is incomplete on X's side, so nothing will"
                + " be posted with it");
    }

    private UploadSession awaitProcessing(UploadSession.Processing start) {
        UploadSession session = start;
        while (session instanceof UploadSession.Processing processing) {
            ctx.awaitProcessing(processing.status().checkAfter(), processing.status().progressPercent());
            session = processing.update(poll(processing.media()));
        }
        return session;
    }

    private ProcessingStatus poll(RemoteMedia media) {
        XMediaRequests.Answer answer = ctx.call("check processing", true,
                access -> x.status(access, media.mediaId()));
        expiresAt = answer.media().expiresAt();
        return answer.status();
    }

    /** The first poll of a resumed run: X no longer knowing the media means it is gone, so start over. */
    private ProcessingStatus recheck(RemoteMedia media) {
        expiresAt = media.expiresAt();
        try {
            return poll(media);
        } catch (PlatformException.InvalidRequest gone) {
            throw new RestartNeeded("X no longer knows media " + media.mediaId() + ": " + gone.getMessage(), 0);
        }
    }

    private MediaRef ready(RemoteMedia media) {
        String altText = ctx.altText();
        if (altText != null && !altText.isBlank()) {
            ctx.call("add the alt text", true, access -> {
                x.describe(access, media.mediaId(), altText);
                return null;
            });
        }
        return new MediaRef(media.mediaId(), expiresAt == null ? media.expiresAt() : expiresAt);
    }

    private void checkpoint(UploadSession.Appending state) {
        ctx.checkpoint(Phase.UPLOADING, ResumeState.uploading(state, chunkSize), state.acknowledgedBytes(),
                state.media().expiresAt());
    }

    private static boolean saysExpired(PlatformException.InvalidRequest e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("expired");
    }

    /**
     * Sends the pending segments of one plan, several at once where allowed. A 413 stops the round: the segments in
     * flight finish, then the lowest refused one is split, or the upload starts over with smaller segments when a
     * later one is already on X under its index.
     */
    private final class AppendRound {
        private final String mediaId;
        private final int parts;
        private UploadSession.Appending state;
        private Segment refused;
        private volatile boolean stopped;

        AppendRound(UploadSession.Appending state) {
            this.state = state;
            this.mediaId = state.media().mediaId();
            this.parts = state.plan().size();
        }

        UploadSession.Appending run() {
            List<Segment> pending = state.pendingSegments();
            int parallelism = concurrentAppends ? Math.max(1, Math.min(ctx.parallelism(), pending.size())) : 1;
            if (parallelism == 1) {
                for (Segment segment : pending) {
                    if (!send(segment)) {
                        break;
                    }
                }
            } else {
                runConcurrently(pending, parallelism);
            }
            Segment tooLarge;
            synchronized (this) {
                tooLarge = refused;
            }
            return tooLarge == null ? state : split(tooLarge);
        }

        private void runConcurrently(List<Segment> pending, int parallelism) {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
                Thread thread = new Thread(runnable, "outpost-x-append-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> futures = new ArrayList<>(pending.size());
                for (Segment segment : pending) {
                    futures.add(pool.submit(() -> {
                        if (stopped) {
                            return;
                        }
                        try {
                            send(segment);
                        } catch (RuntimeException | Error e) {
                            // Segments not yet begun are not sent once one failed for good.
                            stopped = true;
                            throw e;
                        }
                    }));
                }
                Throwable first = null;
                for (Future<?> future : futures) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        first = first == null ? e.getCause() : first;
                    }
                }
                if (first instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (first instanceof Error error) {
                    throw error;
                }
                if (first != null) {
                    throw new IllegalStateException(first);
                }
            } catch (InterruptedException e) {
                stopped = true;
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while sending " + file.displayName());
            } finally {
                pool.shutdownNow();
            }
        }

        /** @return false when X refused the segment as too large (the round stops) */
        private boolean send(Segment segment) {
            try {
                ctx.call("send segment " + segment.index() + " of " + parts, true, access -> {
                    x.append(access, mediaId, segment, file);
                    return null;
                });
            } catch (PlatformException.PayloadTooLarge tooLarge) {
                refuse(segment);
                return false;
            } catch (PlatformException.InvalidRequest refusedSegment) {
                if (saysExpired(refusedSegment)) {
                    throw new RestartNeeded(refusedSegment.getMessage(), 0);
                }
                throw refusedSegment;
            }
            acknowledge(segment);
            return true;
        }

        private synchronized void refuse(Segment segment) {
            stopped = true;
            if (refused == null || segment.index() < refused.index()) {
                refused = segment;
            }
        }

        private synchronized void acknowledge(Segment segment) {
            state = state.acknowledge(segment.index());
            checkpoint(state);
            ctx.acknowledged(state.acknowledgedBytes(), state.acknowledged().size(), state.plan().size());
        }

        private UploadSession.Appending split(Segment segment) {
            long smaller = ChunkPlan.splitChunk(segment);
            if (!state.plan().canSplit(segment.index())) {
                throw new PlatformException.PayloadTooLarge(file.displayName() + ": X refuses even a segment of "
                        + segment.length() + " bytes");
            }
            UploadSession.Appending next;
            try {
                next = state.split(segment.index());
            } catch (IllegalStateException laterOnesAcknowledged) {
                // X holds later segments under their old indexes: begin again, with the smaller size from the start.
                throw new RestartNeeded("segment " + segment.index() + " of " + segment.length() + " bytes was too"
                        + " large after later segments were sent", smaller);
            }
            chunkSize = Math.min(chunkSize, smaller);
            checkpoint(next);
            return next;
        }
    }
}
