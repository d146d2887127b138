package dev.outpost.ports.platform.fake;

import java.time.Instant;
import java.util.Objects;

/**
 * One request a fake platform received, in arrival order.
 *
 * @param operation what kind of request
 * @param at the fake clock's time when it arrived
 * @param accessToken the token it carried (the refresh token for {@link Operation#REFRESH}); null when none
 * @param subject what it named: a media id, a post id, a record key; else null
 * @param part the part index of an {@link Operation#APPEND}, else -1
 * @param bytes the media bytes it carried, else 0
 * @param text the post text for {@link Operation#PUBLISH}, the alt text for {@link Operation#DESCRIBE}, else null
 * @param key the idempotency key a post carried, else null
 * @param outcome {@code ok}; {@code ok+fault:<Kind>} when it took effect but a scripted fault was thrown after it (the
 *     answer was lost); {@code fault:<Kind>} for a scripted fault before any effect; {@code refused:<Kind>} for the
 *     platform's own refusal
 */
public record FakeCall(Operation operation, Instant at, String accessToken, String subject, int part, long bytes,
        String text, String key, String outcome) {
    public FakeCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether the request had its effect on the platform, whatever the caller was told. */
    public boolean tookEffect() {
        return outcome.startsWith("ok");
    }

    FakeCall withOutcome(String next) {
        return new FakeCall(operation, at, accessToken, subject, part, bytes, text, key, next);
    }
}
