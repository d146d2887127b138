package dev.outpost.ports.platform.fake;

import java.time.Instant;
import java.util.Objects;

/**
 * One call a fake received, in arrival order.
 *
 * @param operation which port method
 * @param at the fake clock's time when it arrived
 * @param accessToken the token it carried (or the refresh token for {@link Operation#REFRESH}); null when none
 * @param mediaId the media id it named, else null
 * @param segmentIndex the APPEND's segment index, else -1
 * @param bytes the bytes of media it carried (the segment for APPEND, the file for UPLOAD), else 0
 * @param text the post text for PUBLISH, the alt text for DESCRIBE, else null
 * @param outcome {@code ok}, {@code ok+fault:<Kind>} when the effect happened but a scripted fault was thrown after
 *     it, or {@code fault:<Kind>} / {@code refused:<Kind>} for a scripted fault / the fake's own refusal
 */
public record FakeCall(Operation operation, Instant at, String accessToken, String mediaId, int segmentIndex,
        long bytes, String text, String outcome) {
    public FakeCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether the call had its effect on the fake platform (whatever the caller was told). */
    public boolean tookEffect() {
        return outcome.startsWith("ok");
    }

    FakeCall withOutcome(String next) {
        return new FakeCall(operation, at, accessToken, mediaId, segmentIndex, bytes, text, next);
    }
}
