package dev.outpost.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a file is cut into APPEND segments: they tile [0, totalBytes) exactly, in index order, none longer than the
 * chunk size, and there are at most {@link #MAX_SEGMENTS} of them (X numbers segments 0 to 999).
 *
 * <p>A plan starts uniform ({@link #of}) and may later have one segment split after X refused it as too large
 * ({@link #split}); the list of segments is therefore the plan's whole truth.
 */
record ChunkPlan(long totalBytes, long chunkSize, List<Segment> segments) {
    static final int MAX_SEGMENTS = 1000;
    /** About 4.5 MiB: under the 5 MB that some X deployments refuse, above the 4 MiB most clients use. */
    static final long DEFAULT_CHUNK_SIZE = 4_718_592L;

    ChunkPlan {
        Objects.requireNonNull(segments, "segments");
        segments = List.copyOf(segments);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a plan holds at most " + MAX_SEGMENTS + " segments, not "
                    + segments.size());
        }
        long next = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.index() != i || s.offset() != next || s.length() > chunkSize) {
                throw new IllegalArgumentException("segments must tile the file in order, each at most " + chunkSize
                        + " bytes; segment " + i + " is " + s);
            }
            next = s.end();
        }
        if (next != totalBytes) {
            throw new IllegalArgumentException("segments cover " + next + " bytes, the file has " + totalBytes);
        }
    }

    /**
     * Plans a file of {@code totalBytes} in segments of {@code chunkSize} bytes, the last one shorter.
     *
     * @throws IllegalArgumentException when the file is empty or would need more than {@link #MAX_SEGMENTS} segments;
     *     the message says which chunk size would fit
     */
    static ChunkPlan of(long totalBytes, long chunkSize) {
        if (totalBytes < 1) {
            throw new IllegalArgumentException("an empty file cannot be uploaded");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        long count = ceilDiv(totalBytes, chunkSize);
        if (count > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a file of " + totalBytes + " bytes needs " + count + " segments of "
                    + chunkSize + " bytes, but at most " + MAX_SEGMENTS + " are allowed; use a chunk size of at least "
                    + smallestChunk(totalBytes) + " bytes");
        }
        List<Segment> segments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long offset = i * chunkSize;
            segments.add(new Segment(i, offset, Math.min(chunkSize, totalBytes - offset)));
        }
        return new ChunkPlan(totalBytes, chunkSize, segments);
    }

    /** Plans with {@link #DEFAULT_CHUNK_SIZE}. */
    static ChunkPlan of(long totalBytes) {
        return of(totalBytes, DEFAULT_CHUNK_SIZE);
    }

    /** The smallest chunk size that cuts a file of {@code totalBytes} into at most {@link #MAX_SEGMENTS} segments. */
    static long smallestChunk(long totalBytes) {
        return ceilDiv(totalBytes, MAX_SEGMENTS);
    }

    /** A plan of the given segment lengths, in order (as a resume state lists them). */
    static ChunkPlan ofLengths(long totalBytes, List<Long> lengths) {
        List<Segment> segments = new ArrayList<>(lengths.size());
        long offset = 0;
        long largest = 1;
        for (long length : lengths) {
            segments.add(new Segment(segments.size(), offset, length));
            offset += length;
            largest = Math.max(largest, length);
        }
        return new ChunkPlan(totalBytes, largest, segments);
    }

    int size() {
        return segments.size();
    }

    Segment segment(int index) {
        return segments.get(index);
    }

    /**
     * Whether {@link #split} can still cut the segment at {@code index}: it has two bytes or more, and re-planning it
     * and everything after it at half its length still fits in {@link #MAX_SEGMENTS}.
     */
    boolean canSplit(int index) {
        Segment refused = segment(index);
        if (refused.length() < 2) {
            return false;
        }
        long remaining = ceilDiv(totalBytes - refused.offset(), splitChunk(refused));
        return index + remaining <= MAX_SEGMENTS;
    }

    /**
     * Replaces the segment at {@code index} (X said 413 for it) and every segment after it by segments of at most
     * half its length, re-indexed, so that no later segment is as large as the one just refused. Segments before it
     * keep their index and bytes: X may already hold them. {@link #chunkSize} becomes the largest segment of the new
     * plan, which shrinks only when the first segment is split.
     *
     * @throws IllegalStateException when the segment is a single byte or the new plan would exceed
     *     {@link #MAX_SEGMENTS} (see {@link #canSplit})
     */
    ChunkPlan split(int index) {
        Objects.checkIndex(index, segments.size());
        Segment refused = segment(index);
        if (!canSplit(index)) {
            throw new IllegalStateException("segment " + index + " cannot be split further: " + refused.length()
                    + " byte(s) at offset " + refused.offset() + ", and a plan holds at most " + MAX_SEGMENTS
                    + " segments; the server refuses segments of " + refused.length() + " bytes");
        }
        long newChunk = splitChunk(refused);
        List<Segment> out = new ArrayList<>(segments.size() + 1);
        long largest = newChunk;
        for (int i = 0; i < index; i++) {
            out.add(segments.get(i));
            largest = Math.max(largest, segments.get(i).length());
        }
        long offset = refused.offset();
        // Re-plan the rest with the smaller chunk: later segments would be refused just the same.
        while (offset < totalBytes) {
            long len = Math.min(newChunk, totalBytes - offset);
            out.add(new Segment(out.size(), offset, len));
            offset += len;
        }
        return new ChunkPlan(totalBytes, largest, out);
    }

    /** Half the refused length, rounded up: strictly smaller than the refused segment once it has two bytes. */
    static long splitChunk(Segment refused) {
        return Math.max(1, ceilDiv(refused.length(), 2));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
