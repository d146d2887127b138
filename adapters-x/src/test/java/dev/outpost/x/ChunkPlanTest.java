package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** X's segment plans (RELIABILITY.md U9), moved here from domain with the segmented protocol. */
class ChunkPlanTest {

    /** The invariants every plan must keep, whatever produced it (RELIABILITY.md U9). */
    static void assertTiles(ChunkPlan plan, long totalBytes) {
        List<Segment> segments = plan.segments();
        assertThat(segments).isNotEmpty().hasSizeLessThanOrEqualTo(ChunkPlan.MAX_SEGMENTS);
        long next = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertThat(s.index()).as("index of segment %d", i).isEqualTo(i);
            assertThat(s.offset()).as("offset of segment %d", i).isEqualTo(next);
            assertThat(s.length()).as("length of segment %d", i).isBetween(1L, plan.chunkSize());
            next = s.end();
        }
        assertThat(next).isEqualTo(totalBytes);
        assertThat(plan.totalBytes()).isEqualTo(totalBytes);
    }

    @Property(tries = 300)
    void aFittingFileIsTiledExactly(@ForAll @LongRange(min = 1, max = 1L << 40) long totalBytes,
            @ForAll @LongRange(min = 1, max = 1L << 34) long requestedChunk) {
        // Raise the chunk to the smallest that fits so that every try exercises a valid plan.
        long chunk = Math.max(requestedChunk, Math.floorDiv(totalBytes + ChunkPlan.MAX_SEGMENTS - 1,
                ChunkPlan.MAX_SEGMENTS));
        ChunkPlan plan = ChunkPlan.of(totalBytes, chunk);

        assertTiles(plan, totalBytes);
        assertThat(plan.chunkSize()).isEqualTo(chunk);
        // Uniform: every segment but the last is exactly one chunk.
        plan.segments().subList(0, plan.size() - 1).forEach(s -> assertThat(s.length()).isEqualTo(chunk));
    }

    @Property(tries = 300)
    void smallFilesWithSmallChunksAreTiledExactly(@ForAll @LongRange(min = 1, max = 5000) long totalBytes,
            @ForAll @LongRange(min = 1, max = 300) long chunk) {
        Assume.that((totalBytes + chunk - 1) / chunk <= ChunkPlan.MAX_SEGMENTS);
        assertTiles(ChunkPlan.of(totalBytes, chunk), totalBytes);
    }

    @Property(tries = 300)
    void aFileThatCannotFitNamesAChunkSizeThatDoes(@ForAll @LongRange(min = 1001, max = 1L << 40) long totalBytes,
            @ForAll @IntRange(min = 1, max = 1_000_000) int divisor) {
        // A chunk small enough to need more than 1000 segments.
        long chunk = Math.max(1, totalBytes / (ChunkPlan.MAX_SEGMENTS + divisor));
        Assume.that((totalBytes + chunk - 1) / chunk > ChunkPlan.MAX_SEGMENTS);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ChunkPlan.of(totalBytes, chunk));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(totalBytes))
                .hasMessageContaining("at most " + ChunkPlan.MAX_SEGMENTS);
        Matcher named = Pattern.compile("at least (\\d+) bytes").matcher(thrown.getMessage());
        assertThat(named.find()).as("the message names a chunk size: %s", thrown.getMessage()).isTrue();
        long suggested = Long.parseLong(named.group(1));
        assertTiles(ChunkPlan.of(totalBytes, suggested), totalBytes);
        // And it is the smallest that works, so the advice does not inflate segments needlessly.
        assertThatThrownBy(() -> ChunkPlan.of(totalBytes, suggested - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void splittingKeepsTheTilingAndShrinksEverythingFromTheRefusedSegment(
            @ForAll @LongRange(min = 1, max = 50_000_000) long totalBytes,
            @ForAll @IntRange(min = 1, max = 1000) int segmentsWanted,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 999) Integer> picks) {
        long chunk = Math.max(1, Math.floorDiv(totalBytes + segmentsWanted - 1, segmentsWanted));
        ChunkPlan plan = ChunkPlan.of(totalBytes, chunk);
        for (int pick : picks) {
            int index = pick % plan.size();
            Segment refused = plan.segment(index);
            if (!plan.canSplit(index)) {
                ChunkPlan unsplittable = plan;
                assertThatThrownBy(() -> unsplittable.split(index)).isInstanceOf(IllegalStateException.class);
                continue;
            }
            ChunkPlan next = plan.split(index);

            assertTiles(next, totalBytes);
            // The server may hold the earlier segments: they keep index and bytes.
            assertThat(next.segments().subList(0, index)).isEqualTo(plan.segments().subList(0, index));
            Segment replacement = next.segment(index);
            assertThat(replacement.offset()).isEqualTo(refused.offset());
            assertThat(replacement.length()).isLessThan(refused.length());
            // Nothing from the refused position on is as large as what the server just refused.
            next.segments().subList(index, next.size())
                    .forEach(s -> assertThat(s.length()).isLessThan(refused.length()));
            plan = next;
        }
    }

    @Property(tries = 100)
    void singleByteSegmentsCannotBeSplit(@ForAll @IntRange(min = 1, max = 1000) int totalBytes,
            @ForAll @IntRange(min = 0, max = 999) int pick) {
        ChunkPlan plan = ChunkPlan.of(totalBytes, 1);
        int index = pick % plan.size();

        assertThat(plan.canSplit(index)).isFalse();
        assertThatThrownBy(() -> plan.split(index)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("segment " + index);
    }

    @Test
    void theWorkedExampleMakesFourSegmentsTheLastOneSmaller() {
        ChunkPlan plan = ChunkPlan.of(15_728_640L);

        assertThat(plan.chunkSize()).isEqualTo(ChunkPlan.DEFAULT_CHUNK_SIZE);
        assertThat(plan.size()).isEqualTo(4);
        assertThat(plan.segment(3).length()).isEqualTo(1_572_864L);
        assertTiles(plan, 15_728_640L);
    }

    @Test
    void aSegmentAfterFullSizedOnesCanBeSplit() {
        // Regression: the first split kept the earlier full-size segments but shrank the plan's chunk size under
        // them, so the constructor refused the plan it had just built.
        ChunkPlan plan = ChunkPlan.of(10 * ChunkPlan.DEFAULT_CHUNK_SIZE).split(3);

        assertTiles(plan, 10 * ChunkPlan.DEFAULT_CHUNK_SIZE);
        assertThat(plan.segment(2).length()).isEqualTo(ChunkPlan.DEFAULT_CHUNK_SIZE);
        assertThat(plan.segment(3).length()).isEqualTo(ChunkPlan.DEFAULT_CHUNK_SIZE / 2);
    }

    @Test
    void splittingThatWouldNeedTooManySegmentsIsRefusedUpFront() {
        // 600 segments: halving all of them from the first would need 1200.
        ChunkPlan plan = ChunkPlan.of(600L * 1024, 1024);

        assertThat(plan.canSplit(0)).isFalse();
        assertThatThrownBy(() -> plan.split(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(ChunkPlan.MAX_SEGMENTS));
        assertThat(plan.canSplit(599)).isTrue();
    }

    @Test
    void anEmptyFileHasNoPlan() {
        assertThatThrownBy(() -> ChunkPlan.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Property(tries = 200)
    void aPlanOfItsOwnLengthsIsItself(@ForAll @LongRange(min = 1, max = 50_000_000) long totalBytes,
            @ForAll @IntRange(min = 1, max = 1000) int segmentsWanted,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 999) Integer> picks) {
        ChunkPlan plan = ChunkPlan.of(totalBytes, Math.max(1, Math.floorDiv(totalBytes + segmentsWanted - 1,
                segmentsWanted)));
        for (int pick : picks) {
            int index = pick % plan.size();
            if (plan.canSplit(index)) {
                plan = plan.split(index);
            }
        }

        ChunkPlan copy = ChunkPlan.ofLengths(totalBytes, plan.segments().stream().map(Segment::length).toList());

        assertThat(copy.segments()).isEqualTo(plan.segments());
        assertTiles(copy, totalBytes);
    }

    @Test
    void theSmallestChunkFitsInAThousandSegments() {
        assertThat(ChunkPlan.smallestChunk(512L << 20)).isEqualTo(536_871);
        assertThat(ChunkPlan.of(512L << 20, ChunkPlan.smallestChunk(512L << 20)).size()).isEqualTo(1000);
        assertThat(ChunkPlan.smallestChunk(999)).isEqualTo(1);
    }

    @Test
    void aPlanWhoseSegmentsLeaveAGapIsRefused() {
        List<Segment> gap = List.of(new Segment(0, 0, 4), new Segment(1, 5, 4));

        assertThatThrownBy(() -> new ChunkPlan(9, 4, gap)).isInstanceOf(IllegalArgumentException.class);
    }
}
