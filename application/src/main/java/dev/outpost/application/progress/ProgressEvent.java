package dev.outpost.application.progress;

import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.net.URI;
import java.time.Duration;

/**
 * What happens to a publication while it runs, for the CLI's progress bars and the web app's live view. Every
 * event names its publication; media events also name the attachment by index and file name.
 */
public sealed interface ProgressEvent {
    PublicationId publication();

    /**
     * This run took the publication's claim over from {@code formerHolder}, a worker known to be dead (a process of
     * this host that no longer runs), instead of waiting for its lease to end.
     */
    record ClaimTakenOver(PublicationId publication, String formerHolder) implements ProgressEvent {
    }

    /** The publication moved to another state. */
    record StateChanged(PublicationId publication, PublicationState state) implements ProgressEvent {
    }

    /** An attachment's upload begins (or resumes with {@code alreadySent} bytes acknowledged). */
    record UploadStarted(PublicationId publication, int mediaIndex, String fileName, long totalBytes, int parts,
            long alreadySent) implements ProgressEvent {
    }

    /** More bytes of an attachment were acknowledged by the platform. */
    record BytesSent(PublicationId publication, int mediaIndex, long sentBytes, long totalBytes,
            int partsDone, int parts) implements ProgressEvent {
    }

    /** A request failed and will be tried again after {@code delay}; {@code rateLimited} for a 429. */
    record Retrying(PublicationId publication, int mediaIndex, String operation, int attempt, Duration delay,
            String reason, boolean rateLimited) implements ProgressEvent {
    }

    /** The platform is processing an attachment; percent is -1 when it did not say. */
    record Processing(PublicationId publication, int mediaIndex, String state, int percent)
            implements ProgressEvent {
    }

    /** An attachment is uploaded and ready. */
    record MediaReady(PublicationId publication, int mediaIndex, String mediaId) implements ProgressEvent {
    }

    record Published(PublicationId publication, String postId, URI url) implements ProgressEvent {
    }

    /** The outcome is not known; Outpost is checking the account's posts. */
    record Unconfirmed(PublicationId publication, String reason) implements ProgressEvent {
    }

    /** It failed; {@link dev.outpost.application.PublicationRunner.Outcome} says why in a form to act on. */
    record Failed(PublicationId publication, String reason) implements ProgressEvent {
    }
}
