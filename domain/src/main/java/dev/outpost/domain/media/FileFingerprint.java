package dev.outpost.domain.media;

import java.time.Instant;
import java.util.Objects;

/**
 * What identifies the exact content of a file between two runs: an upload resumes only when all three still match.
 *
 * @param size bytes
 * @param modifiedAt the file's last modification time
 * @param sha256 lower-case hex SHA-256 of the whole content
 */
public record FileFingerprint(long size, Instant modifiedAt, String sha256) {
    public FileFingerprint {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
