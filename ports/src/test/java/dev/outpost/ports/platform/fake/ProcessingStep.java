package dev.outpost.ports.platform.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * One answer of a fake platform about media it is processing. A script of steps is followed in order, one step per
 * status request (the first when the upload ends); the last step repeats.
 *
 * @param state where processing stands
 * @param checkAfter how long the platform asks the client to wait before asking again (only shapes that give a hint
 *     say it; the others ignore it)
 * @param percent how far it is, 0 to 100, or -1 when unknown
 * @param error the platform's message when it failed, else null
 */
public record ProcessingStep(State state, Duration checkAfter, int percent, String error) {
    public enum State { PENDING, IN_PROGRESS, SUCCEEDED, FAILED }

    public ProcessingStep {
        Objects.requireNonNull(state, "state");
        checkAfter = checkAfter == null ? Duration.ZERO : checkAfter;
    }

    public static ProcessingStep pending(Duration checkAfter) {
        return new ProcessingStep(State.PENDING, checkAfter, 0, null);
    }

    public static ProcessingStep inProgress(Duration checkAfter, int percent) {
        return new ProcessingStep(State.IN_PROGRESS, checkAfter, percent, null);
    }

    public static ProcessingStep succeeded() {
        return new ProcessingStep(State.SUCCEEDED, Duration.ZERO, 100, null);
    }

    public static ProcessingStep failed(String error) {
        return new ProcessingStep(State.FAILED, Duration.ZERO, -1, Objects.requireNonNull(error, "error"));
    }

    public boolean isDone() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
