package dev.outpost.domain.media;

import java.time.Instant;
import java.util.Objects;

/**
 * What identifies the exact content of a file between two runs: an upload resumes only when all three still match,
 * and only when the content was hashed at all ({@link #hashed()}).
 *
 * @param size bytes
 * @param modifiedAt the file's last modification time
 * @param sha256 lower-case hex SHA-256 of the whole content, or 64 zeros for a file that was not hashed
 */
public record FileFingerprint(long size, Instant modifiedAt, String sha256) {
    private static final String UNHASHED = "0".repeat(64);

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

    /** A file sent once and never resumed, so not worth a pass over its content: never {@link #hashed()}. */
    public static FileFingerprint unhashed(long size, Instant modifiedAt) {
        return new FileFingerprint(size, modifiedAt, UNHASHED);
    }

    /** Whether the content was hashed; an upload of an unhashed file can never be resumed. */
    public boolean hashed() {
        return !sha256.equals(UNHASHED);
    }
}
