package dev.outpost.xsandbox;

/**
 * Something that happened to a user's tokens, for assertions. Tokens appear only as
 * fingerprints (the first 12 hex digits of their SHA-256), never as values.
 *
 * @param kind one of {@code issued}, {@code refreshed}, {@code revoked}, {@code reuse_rejected}
 */
public record TokenEvent(String at, String kind, String clientId, String userId,
                         String oldRefreshFingerprint, String newRefreshFingerprint) {
}
