package dev.outpost.ports.platform;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.FocalPoint;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the core lends a {@link MediaTransport} for one upload: everything every platform needs, so that the
 * transport is left with its platform's protocol alone.
 *
 * <ul>
 *   <li>durability: {@link #checkpoint} journals the plugin's own resume state (opaque to the core), tied to the
 *       file's fingerprint; {@link #resumed} hands it back to the run after a crash;
 *   <li>requests: {@link #call} supplies valid credentials (refreshing once when the platform refuses them), retries
 *       transient failures with backoff within the one retry budget of the upload, and waits out rate limits;
 *   <li>waiting: {@link #awaitProcessing} sleeps as the platform asks (never less than the core's minimum) within the
 *       processing deadline;
 *   <li>progress: {@link #started} and {@link #acknowledged} feed the progress bars;
 *   <li>settings: {@link #parallelism}.
 * </ul>
 *
 * <p>Methods may throw the core's own unchecked exceptions (retries spent, deadline passed, interrupted); the
 * transport lets them propagate. Safe to use from several threads of one upload.
 */
public interface UploadContext {
    /** The file to send, freshly inspected. */
    MediaFile file();

    /** The alt text the user gave this file, or null; for platforms that take it with the upload. */
    String altText();

    /**
     * The focal point the user gave this file, or null; for platforms that take it with the upload (others ignore
     * it). The core implements this; the default answers none.
     */
    default FocalPoint focus() {
        return null;
    }

    /** How many requests of this upload may be in flight at once, 1 or more (the user's setting). */
    int parallelism();

    /**
     * The checkpoint an earlier run of this same upload left, for the same file content and not expired; empty for a
     * fresh upload. A checkpoint in {@link UploadCheckpoint.Phase#READY} is never handed back: the core uses it
     * without calling the transport.
     */
    Optional<UploadCheckpoint> resumed();

    /**
     * Journals the plugin's resume state; durable when this returns. Call it once the platform acknowledged a step
     * (an id allocated, a part stored, processing begun), never before.
     *
     * @param phase {@link UploadCheckpoint.Phase#UPLOADING} or {@link UploadCheckpoint.Phase#PROCESSING}
     * @param state what the plugin needs to continue, opaque to the core
     * @param bytesAcknowledged how many bytes the platform holds
     * @param expiresAt when the state stops being useful, or null
     */
    void checkpoint(UploadCheckpoint.Phase phase, String state, long bytesAcknowledged, Instant expiresAt);

    /**
     * Runs one request of the platform with the account's valid credentials.
     *
     * @param operation what the request does, for messages ("send part 3")
     * @param repeatable whether sending it again has no other effect than sending it once, so that an
     *     {@link PlatformException.Ambiguous} failure may be retried
     * @throws PlatformException the refusals a retry cannot mend ({@link PlatformException.PayloadTooLarge},
     *     {@link PlatformException.InvalidRequest}, {@link PlatformException.Forbidden}, ...), for the transport to
     *     act on or let through
     */
    <T> T call(String operation, boolean repeatable, Function<AccountAccess, T> request);

    /** The transfer begins (or resumes with {@code alreadyAcknowledged} bytes held by the platform). */
    void started(int parts, long alreadyAcknowledged);

    /**
     * The platform now holds {@code bytesAcknowledged} bytes, {@code partsDone} of {@code parts} parts. May also be
     * called while one long request is being sent, with the bytes written so far, so progress moves during it.
     */
    void acknowledged(long bytesAcknowledged, int partsDone, int parts);

    /**
     * Waits before asking again whether processing is done: {@code hint} when the platform said how long, else a
     * growing backoff, never less than the core's minimum interval. Reports progress.
     *
     * @param hint how long the platform asked to wait, or null when it did not say
     * @param percent how far processing is, 0 to 100, or -1 when unknown
     * @throws RuntimeException (the core's) when the processing deadline would pass: the transport lets it through,
     *     and a later run resumes from the checkpoint
     */
    void awaitProcessing(Duration hint, int percent);
}
