package dev.outpost.domain.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a file is cut into segments: they tile [0, totalBytes) exactly, in index order, none longer than the chunk
 * size, and there are at most {@link #MAX_SEGMENTS} of them (X numbers segments 0 to 999).
 *
 * <p>A plan starts uniform ({@link #of}) and may later have one segment split after the server refused it as too
 * large ({@link #split}); the list of segments is therefore the plan's whole truth.
 */
public record ChunkPlan(long totalBytes, long chunkSize, List<Segment> segments) {
    public static final int MAX_SEGMENTS = 1000;
    /** About 4.5 MiB: under the 5 MB that some X deployments refuse, above the 4 MiB most clients use. */
    public static final long DEFAULT_CHUNK_SIZE = 4_718_592L;

    public ChunkPlan {
        Objects.requireNonNull(segments, "segments");
        segments = List.copyOf(segments);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a plan holds at most " + MAX_SEGMENTS + " segments, not " + segments.size());
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
    public static ChunkPlan of(long totalBytes, long chunkSize) {
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
                    + ceilDiv(totalBytes, MAX_SEGMENTS) + " bytes");
        }
        List<Segment> segments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long offset = i * chunkSize;
            segments.add(new Segment(i, offset, Math.min(chunkSize, totalBytes - offset)));
        }
        return new ChunkPlan(totalBytes, chunkSize, segments);
    }

    /** Plans with {@link #DEFAULT_CHUNK_SIZE}. */
    public static ChunkPlan of(long totalBytes) {
        return of(totalBytes, DEFAULT_CHUNK_SIZE);
    }

    public int size() {
        return segments.size();
    }

    public Segment segment(int index) {
        return segments.get(index);
    }

    /** Whether {@link #split} can still cut the segment at {@code index}: it has two bytes or more and room remains. */
    public boolean canSplit(int index) {
        return segments.size() < MAX_SEGMENTS && segment(index).length() >= 2;
    }

    /**
     * Replaces the segment at {@code index} by two halves (the server said 413 for it); the segments after it move up
     * one index, and the chunk size shrinks so that no later segment exceeds what was just refused.
     *
     * @throws IllegalStateException when the segment is a single byte or the plan already holds the maximum
     */
    public ChunkPlan split(int index) {
        Objects.checkIndex(index, segments.size());
        if (!canSplit(index)) {
            throw new IllegalStateException("segment " + index + " cannot be split further: " + segment(index).length()
                    + " byte(s) in a plan of " + segments.size() + " segments");
        }
        Segment refused = segment(index);
        long firstHalf = ceilDiv(refused.length(), 2);
        long newChunk = Math.max(1, Math.min(chunkSize, firstHalf));
        List<Segment> out = new ArrayList<>(segments.size() + 1);
        for (int i = 0; i < index; i++) {
            out.add(segments.get(i));
        }
        long offset = refused.offset();
        // Re-plan the rest with the smaller chunk: later segments would be refused just the same.
        while (offset < totalBytes) {
            long len = Math.min(newChunk, totalBytes - offset);
            if (out.size() >= MAX_SEGMENTS) {
                throw new IllegalStateException("splitting segment " + index + " would need more than " + MAX_SEGMENTS
                        + " segments; the server refuses segments of " + refused.length() + " bytes");
            }
            out.add(new Segment(out.size(), offset, len));
            offset += len;
        }
        return new ChunkPlan(totalBytes, newChunk, out);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
