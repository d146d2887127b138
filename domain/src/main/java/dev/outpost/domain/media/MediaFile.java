package dev.outpost.domain.media;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file the user wants to attach, already inspected: its type comes from its content, not its name.
 *
 * @param path where the bytes are read from
 * @param type sniffed from the first bytes
 * @param fingerprint size, modification time and hash, for resuming
 */
public record MediaFile(Path path, MediaType type, FileFingerprint fingerprint) {
    public MediaFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public long size() {
        return fingerprint.size();
    }

    public MediaKind kind() {
        return type.kind();
    }

    /** The name to show the user in messages. */
    public String displayName() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
