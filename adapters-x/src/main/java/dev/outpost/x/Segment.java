package dev.outpost.x;

/**
 * One contiguous byte range of a file, sent as one APPEND.
 *
 * @param index the {@code segment_index} X sees (0 to {@link ChunkPlan#MAX_SEGMENTS} - 1)
 * @param offset first byte
 * @param length number of bytes, at least 1
 */
record Segment(int index, long offset, long length) {
    Segment {
        if (index < 0 || index >= ChunkPlan.MAX_SEGMENTS) {
            throw new IllegalArgumentException("segment index must be 0 to " + (ChunkPlan.MAX_SEGMENTS - 1) + ": "
                    + index);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
    }

    /** One past the last byte. */
    long end() {
        return offset + length;
    }
}
