package dev.outpost.domain.upload;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The resume token and state machine of one chunked upload. Each state is its own record and offers only the moves
 * that are legal from it, so an illegal transition does not compile; the few that depend on data (finalizing before
 * every segment is acknowledged) throw {@link IllegalStateException}.
 *
 * <pre>
 * Appending --acknowledge--> Appending --finalizing--> Finalizing --processing--> Processing --update--> ...
 *                                                                  --succeeded--> Succeeded
 * any unfinished state --fail--> Failed, --expire--> Expired
 * </pre>
 *
 * <p>The journal persists whichever state an upload is in; a crashed run reads it back and continues.
 */
public sealed interface UploadSession
        permits UploadSession.Unfinished,
                UploadSession.Succeeded, UploadSession.Failed, UploadSession.Expired {

    UploadTarget target();

    RemoteMedia media();

    default UploadId id() {
        return target().id();
    }

    /** Whether nothing more will happen to this upload. */
    default boolean isTerminal() {
        return this instanceof Succeeded || this instanceof Failed || this instanceof Expired;
    }

    /** A name for the state, for storage and display. */
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

    /** The platform accepted INIT: nothing is acknowledged yet. */
    static Appending initialized(UploadTarget target, RemoteMedia media, ChunkPlan plan) {
        if (plan.totalBytes() != target.file().size()) {
            throw new IllegalArgumentException("plan covers " + plan.totalBytes() + " bytes, the file has "
                    + target.file().size());
        }
        return new Appending(target, media, plan, List.of());
    }

    /** Moves shared by every unfinished state. */
    sealed interface Unfinished extends UploadSession permits Appending, Finalizing, Processing {
        default Failed fail(String reason) {
            return new Failed(target(), media(), reason);
        }

        default Expired expire() {
            return new Expired(target(), media());
        }
    }

    /**
     * Segments are being sent. {@code acknowledged} lists, in ascending order, the indexes the server answered 2xx
     * for; they are never sent again.
     */
    record Appending(UploadTarget target, RemoteMedia media, ChunkPlan plan, List<Integer> acknowledged)
            implements Unfinished {
        public Appending {
            Objects.requireNonNull(target, "target");
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

        public Appending acknowledge(int index) {
            if (acknowledged.contains(index)) {
                return this;
            }
            List<Integer> next = new java.util.ArrayList<>(acknowledged);
            next.add(index);
            return new Appending(target, media, plan, next);
        }

        public boolean isAcknowledged(int index) {
            return acknowledged.contains(index);
        }

        /** The segments still to send, in index order. */
        public List<Segment> pendingSegments() {
            return plan.segments().stream().filter(s -> !isAcknowledged(s.index())).toList();
        }

        public long acknowledgedBytes() {
            return acknowledged.stream().mapToLong(i -> plan.segment(i).length()).sum();
        }

        public boolean isComplete() {
            return acknowledged.size() == plan.size();
        }

        /**
         * The server refused segment {@code index} as too large: cut it (and what follows) smaller.
         *
         * @throws IllegalStateException when a later segment was already acknowledged: the server holds it under
         *     its old index, so the upload must start over instead
         */
        public Appending split(int index) {
            if (acknowledged.stream().anyMatch(i -> i >= index)) {
                throw new IllegalStateException("segment " + index + " cannot be split: a segment at or after it was"
                        + " already acknowledged");
            }
            return new Appending(target, media, plan.split(index), acknowledged);
        }

        /** Every segment is acknowledged: ask the platform to assemble the file. */
        public Finalizing finalizing() {
            if (!isComplete()) {
                throw new IllegalStateException("cannot finalize upload " + target.id() + ": " + pendingSegments().size()
                        + " of " + plan.size() + " segments are not acknowledged");
            }
            return new Finalizing(target, media, plan);
        }
    }

    /** FINALIZE was (or is about to be) sent; the plan is kept so a lost answer can be asked for again. */
    record Finalizing(UploadTarget target, RemoteMedia media, ChunkPlan plan) implements Unfinished {
        public Finalizing {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(plan, "plan");
        }

        /** The platform answered FINALIZE: done, processing, or failed. */
        public UploadSession finalized(ProcessingStatus status) {
            return Processing.next(target, media, status);
        }
    }

    /** The platform is processing the media; poll no sooner than {@code status.checkAfter()}. */
    record Processing(UploadTarget target, RemoteMedia media, ProcessingStatus status) implements Unfinished {
        public Processing {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(status, "status");
            if (status.isDone()) {
                throw new IllegalArgumentException("a finished status is not processing: " + status.state());
            }
        }

        public UploadSession update(ProcessingStatus next) {
            return next(target, media, next);
        }

        private static UploadSession next(UploadTarget target, RemoteMedia media, ProcessingStatus status) {
            return switch (status.state()) {
                case SUCCEEDED -> new Succeeded(target, media);
                case FAILED -> new Failed(target, media, status.errorMessage() == null
                        ? "the platform could not process the media" : status.errorMessage());
                case PENDING, IN_PROGRESS -> new Processing(target, media, status);
            };
        }
    }

    /** The media id is ready to be attached to a post. */
    record Succeeded(UploadTarget target, RemoteMedia media) implements UploadSession {
        public Succeeded {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(media, "media");
        }
    }

    record Failed(UploadTarget target, RemoteMedia media, String reason) implements UploadSession {
        public Failed {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The media id expired before the upload finished; a new upload must begin with INIT. */
    record Expired(UploadTarget target, RemoteMedia media) implements UploadSession {
        public Expired {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(media, "media");
        }
    }
}
