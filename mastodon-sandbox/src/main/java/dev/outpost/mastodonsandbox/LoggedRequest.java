package dev.outpost.mastodonsandbox;

/**
 * One request the sandbox received, without secrets.
 *
 * @param status the answer's status, 0 when the connection was cut instead
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param fault the fault rule that fired on it, or null
 */
public record LoggedRequest(Endpoint endpoint, String method, String path, int status, String userId,
        String idempotencyKey, long bodyBytes, String fault) {
}
