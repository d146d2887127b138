package dev.outpost.x;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The state machine of one segmented upload to X. Each state is its own record and offers only the moves that are
 * legal from it, so an illegal transition does not compile; the few that depend on data (finalizing before every
 * segment is acknowledged) throw {@link IllegalStateException}.
 *
 * <pre>
 * Appending --acknowledge--> Appending --finalizing--> Finalizing --processing--> Processing --update--> ...
 *                                                                  --succeeded--> Succeeded
 * any unfinished state --fail--> Failed, --expire--> Expired
 * </pre>
 *
 * <p>The unfinished states are what {@link ResumeState} writes to the core's journal, so that a crashed run continues
 * where it stopped.
 */
sealed interface UploadSession
        permits UploadSession.Unfinished, UploadSession.Succeeded, UploadSession.Failed, UploadSession.Expired {

    RemoteMedia media();

    /** Whether nothing more will happen to this upload. */
    default boolean isTerminal() {
        return this instanceof Succeeded || this instanceof Failed || this instanceof Expired;
    }

    /** A name for the state, for messages and tests. */
    default String stateName() {
        if (this instanceof Appending a) {
            return a.acknowledged().isEmpty() ? "initialized" : "appending";
        }
        if (this instanceof Finalizing) {
            return "finalizing";
        }
        if (this instanceof Processing) {
            return "processing";
        }
        return this instanceof Succeeded ? "succeeded" : this instanceof Failed ? "failed" : "expired";
    }

    /** X accepted INIT for a file of {@code fileSize} bytes: nothing is acknowledged yet. */
    static Appending initialized(RemoteMedia media, ChunkPlan plan, long fileSize) {
        if (plan.totalBytes() != fileSize) {
            throw new IllegalArgumentException("plan covers " + plan.totalBytes() + " bytes, the file has " + fileSize);
        }
        return new Appending(media, plan, List.of());
    }

    /** Moves shared by every unfinished state. */
    sealed interface Unfinished extends UploadSession permits Appending, Finalizing, Processing {
        default Failed fail(String reason) {
            return new Failed(media(), reason);
        }

        default Expired expire() {
            return new Expired(media());
        }
    }

    /**
     * Segments are being sent. {@code acknowledged} lists, in ascending order, the indexes X answered 2xx for; they
     * are never sent again.
     */
    record Appending(RemoteMedia media, ChunkPlan plan, List<Integer> acknowledged) implements Unfinished {
        public Appending {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(plan, "plan");
            BitSet seen = new BitSet(plan.size());
            for (int index : acknowledged) {
                if (index < 0 || index >= plan.size()) {
                    throw new IllegalArgumentException("acknowledged segment " + index + " is not in a plan of "
                            + plan.size());
                }
                seen.set(index);
            }
            acknowledged = seen.stream().boxed().collect(Collectors.toUnmodifiableList());
        }

        Appending acknowledge(int index) {
            if (acknowledged.contains(index)) {
                return this;
            }
            List<Integer> next = new ArrayList<>(acknowledged);
            next.add(index);
            return new Appending(media, plan, next);
        }

        boolean isAcknowledged(int index) {
            return acknowledged.contains(index);
        }

        /** The segments still to send, in index order. */
        List<Segment> pendingSegments() {
            return plan.segments().stream().filter(s -> !isAcknowledged(s.index())).toList();
        }

        long acknowledgedBytes() {
            return acknowledged.stream().mapToLong(i -> plan.segment(i).length()).sum();
        }

        boolean isComplete() {
            return acknowledged.size() == plan.size();
        }

        /**
         * X refused segment {@code index} as too large: cut it (and what follows) smaller.
         *
         * @throws IllegalStateException when a later segment was already acknowledged: X holds it under its old
         *     index, so the upload must start over instead
         */
        Appending split(int index) {
            if (acknowledged.stream().anyMatch(i -> i >= index)) {
                throw new IllegalStateException("segment " + index + " cannot be split: a segment at or after it was"
                        + " already acknowledged");
            }
            return new Appending(media, plan.split(index), acknowledged);
        }

        /** Every segment is acknowledged: ask X to assemble the file. */
        Finalizing finalizing() {
            if (!isComplete()) {
                throw new IllegalStateException("cannot finalize media " + media.mediaId() + ": "
                        + pendingSegments().size() + " of " + plan.size() + " segments are not acknowledged");
            }
            return new Finalizing(media, plan);
        }
    }

    /** FINALIZE was (or is about to be) sent. */
    record Finalizing(RemoteMedia media, ChunkPlan plan) implements Unfinished {
        public Finalizing {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(plan, "plan");
        }

        /** X answered FINALIZE: done, processing, or failed. */
        UploadSession finalized(ProcessingStatus status) {
            return Processing.next(media, status);
        }
    }

    /** X is processing the media; poll no sooner than {@code status.checkAfter()}. */
    record Processing(RemoteMedia media, ProcessingStatus status) implements Unfinished {
        public Processing {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(status, "status");
            if (status.isDone()) {
                throw new IllegalArgumentException("a finished status is not processing: " + status.state());
            }
        }

        UploadSession update(ProcessingStatus next) {
            return next(media, next);
        }

        static UploadSession next(RemoteMedia media, ProcessingStatus status) {
            return switch (status.state()) {
                case SUCCEEDED -> new Succeeded(media);
                case FAILED -> new Failed(media, status.errorMessage() == null
                        ? "X could not process the media" : status.errorMessage());
                case PENDING, IN_PROGRESS -> new Processing(media, status);
            };
        }
    }

    /** The media id is ready to be attached to a post. */
    record Succeeded(RemoteMedia media) implements UploadSession {
        public Succeeded {
            Objects.requireNonNull(media, "media");
        }
    }

    record Failed(RemoteMedia media, String reason) implements UploadSession {
        public Failed {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The media id expired before the upload finished; a new upload must begin with INIT. */
    record Expired(RemoteMedia media) implements UploadSession {
        public Expired {
            Objects.requireNonNull(media, "media");
        }
    }
}
