package dev.outpost.mastodonsandbox;

import java.time.Instant;

/**
 * One request the sandbox received, without secrets.
 *
 * @param status the answer's status, 0 when the connection was cut instead
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param fault the fault rule that fired on it, or null
 * @param at when it was answered, on the sandbox's clock (so a test can see how often a client polls)
 */
public record LoggedRequest(Endpoint endpoint, String method, String path, int status, String userId,
        String idempotencyKey, long bodyBytes, String fault, Instant at) {
}
