package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Media a fake platform holds: its parts as received, its processing, its alt text. Guarded by the platform. */
final class FakeMedia {
    /** Bytes are kept (for {@link #sha256()}) only for media up to this size. */
    static final long KEEP_BYTES_UP_TO = 32L * 1024 * 1024;

    final String id;
    final String owner;
    final MediaType type;
    final long declaredBytes;
    final Instant expiresAt;
    final TreeMap<Integer, byte[]> kept = new TreeMap<>();
    final TreeMap<Integer, Long> lengths = new TreeMap<>();
    final Deque<ProcessingStep> script;
    boolean finalized;
    ProcessingStep status;
    Instant nextPollAt = Instant.MIN;
    String altText;
    boolean collected;

    FakeMedia(String id, String owner, MediaType type, long declaredBytes, Instant expiresAt,
            List<ProcessingStep> script) {
        this.id = id;
        this.owner = owner;
        this.type = type;
        this.declaredBytes = declaredBytes;
        this.expiresAt = expiresAt;
        this.script = new ArrayDeque<>(script.isEmpty() ? List.of(ProcessingStep.succeeded()) : script);
    }

    MediaKind kind() {
        return type.kind();
    }

    void keep(int part, byte[] bytes) {
        lengths.put(part, (long) bytes.length);
        if (declaredBytes <= KEEP_BYTES_UP_TO) {
            kept.put(part, bytes);
        }
    }

    long received() {
        return lengths.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Moves to the next step of the script (the last repeats). */
    ProcessingStep advance(Instant now) {
        status = script.size() > 1 ? script.poll() : script.peek();
        nextPollAt = now.plus(status.checkAfter());
        return status;
    }

    boolean isReady() {
        return status != null && status.state() == ProcessingStep.State.SUCCEEDED;
    }

    boolean isUsableAt(Instant now) {
        return !collected && isReady() && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The SHA-256 of the parts kept, in index order; null when the bytes were not kept. */
    String sha256() {
        if (declaredBytes > KEEP_BYTES_UP_TO) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            kept.values().forEach(sha::update);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
