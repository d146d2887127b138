package dev.outpost.xsandbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One media id: an upload in progress, then a finished (possibly processing) media. Mutable and
 * guarded by its own monitor; segments are streamed to spool files outside the lock.
 */
final class MediaItem {
    /** A received segment: its size, its SHA-256 and where its bytes wait until FINALIZE. */
    record Segment(int index, long size, String sha256, Path file) {
    }

    enum Kind {
        PHOTO("3_"), VIDEO("7_"), GIF("16_"), AMPLIFY_VIDEO("13_");

        final String keyPrefix;

        Kind(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    final String id;
    final String ownerId;
    final Set<String> additionalOwners;
    final String category;
    final String mediaType;
    final Kind kind;
    final Long declaredTotalBytes;
    final Instant createdAt;
    final Instant expiresAt;
    final TreeMap<Integer, Segment> segments = new TreeMap<>();

    boolean finalized;
    Instant finalizedAt;
    /** Done once the finalized bytes are hashed and their spool freed; for processed media that runs after FINALIZE. */
    final java.util.concurrent.CompletableFuture<Void> assembled = new java.util.concurrent.CompletableFuture<>();
    long size;
    String contentSha256;
    ImageProbe.ImageInfo image;
    boolean needsProcessing;
    boolean failsProcessing;
    Instant nextPollAllowedAt;
    String altText;

    MediaItem(String id, String ownerId, Set<String> additionalOwners, String category, String mediaType,
              Long declaredTotalBytes, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.additionalOwners = Set.copyOf(additionalOwners);
        this.category = category;
        this.mediaType = mediaType;
        this.kind = kindOf(category, mediaType);
        this.declaredTotalBytes = declaredTotalBytes;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.needsProcessing = kind != Kind.PHOTO;
    }

    String mediaKey() {
        return kind.keyPrefix + id;
    }

    boolean usableBy(String userId) {
        return ownerId.equals(userId) || additionalOwners.contains(userId);
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Processing state at {@code now}: pending, in_progress, succeeded or failed (null: none needed). */
    synchronized String processingState(Instant now, java.time.Duration processing) {
        if (!needsProcessing || !finalized) {
            return null;
        }
        if (!now.isBefore(finalizedAt.plus(processing))) {
            if (!assembled.isDone()) {
                return "in_progress"; // the bytes are still being read, as X's processing would
            }
            return failsProcessing ? "failed" : "succeeded";
        }
        return now.isBefore(finalizedAt.plusMillis(Math.min(1000, processing.toMillis() / 3))) ? "pending" : "in_progress";
    }

    /** A post may use it only once it is finished (FACTS §3). */
    synchronized boolean readyAt(Instant now, java.time.Duration processing) {
        if (!finalized) {
            return false;
        }
        String state = processingState(now, processing);
        return state == null || state.equals("succeeded");
    }

    synchronized List<Segment> segmentList() {
        return List.copyOf(segments.values());
    }

    synchronized MediaView view(Instant now, java.time.Duration processing) {
        return new MediaView(id, mediaKey(), ownerId, category, mediaType, declaredTotalBytes, finalized, size,
                contentSha256, segments.values().stream()
                        .map(s -> new MediaView.SegmentView(s.index(), s.size(), s.sha256())).toList(),
                processingState(now, processing), altText, expiresAt.toString());
    }

    static Kind kindOf(String category, String mediaType) {
        String c = category == null ? "" : category;
        if (c.equals("amplify_video")) {
            return Kind.AMPLIFY_VIDEO;
        }
        if (c.endsWith("_gif")) {
            return Kind.GIF;
        }
        if (c.endsWith("_video")) {
            return Kind.VIDEO;
        }
        if (c.isEmpty() && mediaType != null && mediaType.startsWith("video/")) {
            return Kind.VIDEO;
        }
        return Kind.PHOTO;
    }
}
