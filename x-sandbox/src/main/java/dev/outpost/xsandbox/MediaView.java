package dev.outpost.xsandbox;

import java.util.List;

/**
 * A media id as the sandbox holds it, for assertions: sizes and SHA-256 hashes, never bytes.
 *
 * @param sha256          SHA-256 of the whole file in segment order, once finalized
 * @param processingState pending, in_progress, succeeded, failed, or null for media that needs no processing
 */
public record MediaView(String id, String mediaKey, String ownerId, String mediaCategory, String mediaType,
                        Long totalBytes, boolean finalized, long size, String sha256, List<SegmentView> segments,
                        String processingState, String altText, String expiresAt) {

    public record SegmentView(int index, long size, String sha256) {
    }
}
