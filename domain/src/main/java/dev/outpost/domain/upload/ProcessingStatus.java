package dev.outpost.domain.upload;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the platform is with media it processes after upload (videos, GIFs).
 *
 * @param state pending, in progress, succeeded or failed
 * @param checkAfter how long to wait before asking again; never poll sooner
 * @param progressPercent 0 to 100, or -1 when the platform did not say
 * @param errorMessage the platform's reason when {@code state} is {@link State#FAILED}, else null
 */
public record ProcessingStatus(State state, Duration checkAfter, int progressPercent, String errorMessage) {
    public enum State { PENDING, IN_PROGRESS, SUCCEEDED, FAILED }

    public ProcessingStatus {
        Objects.requireNonNull(state, "state");
        checkAfter = checkAfter == null ? Duration.ZERO : checkAfter;
        if (checkAfter.isNegative()) {
            throw new IllegalArgumentException("checkAfter must not be negative: " + checkAfter);
        }
        if (progressPercent < -1 || progressPercent > 100) {
            throw new IllegalArgumentException("progressPercent must be -1 (unknown) or 0 to 100: " + progressPercent);
        }
    }

    public static ProcessingStatus succeeded() {
        return new ProcessingStatus(State.SUCCEEDED, Duration.ZERO, 100, null);
    }

    public static ProcessingStatus failed(String message) {
        return new ProcessingStatus(State.FAILED, Duration.ZERO, -1, message);
    }

    public static ProcessingStatus pending(Duration checkAfter) {
        return new ProcessingStatus(State.PENDING, checkAfter, 0, null);
    }

    public boolean isDone() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
