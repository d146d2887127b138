package dev.outpost.x;

import java.time.Duration;
import java.util.Objects;

/**
 * Where X is with media it processes after upload (videos, GIFs), as {@code processing_info} says.
 *
 * @param state pending, in progress, succeeded or failed
 * @param checkAfter how long X asked to wait before the next STATUS ({@code check_after_secs}); null when it did
 *     not say
 * @param progressPercent 0 to 100, or -1 when X did not say
 * @param errorMessage X's reason when {@code state} is {@link State#FAILED}, else null
 */
record ProcessingStatus(State state, Duration checkAfter, int progressPercent, String errorMessage) {
    enum State { PENDING, IN_PROGRESS, SUCCEEDED, FAILED }

    ProcessingStatus {
        Objects.requireNonNull(state, "state");
        if (checkAfter != null && checkAfter.isNegative()) {
            throw new IllegalArgumentException("checkAfter must not be negative: " + checkAfter);
        }
        if (progressPercent < -1 || progressPercent > 100) {
            throw new IllegalArgumentException("progressPercent must be -1 (unknown) or 0 to 100: "
                    + progressPercent);
        }
    }

    static ProcessingStatus succeeded() {
        return new ProcessingStatus(State.SUCCEEDED, null, 100, null);
    }

    static ProcessingStatus failed(String message) {
        return new ProcessingStatus(State.FAILED, null, -1, message);
    }

    static ProcessingStatus pending(Duration checkAfter) {
        return new ProcessingStatus(State.PENDING, checkAfter, 0, null);
    }

    boolean isDone() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
