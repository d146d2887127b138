package dev.outpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.upload.ChunkPlan;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TextCodecTest {
    @Property
    void segmentLengthsRoundTripForAnyPlanAndSplits(@ForAll @LongRange(min = 1, max = 600_000_000L) long size,
            @ForAll @LongRange(min = 1_000_000L, max = 6_000_000L) long chunk,
            @ForAll @IntRange(min = 0, max = 3) int splits) {
        ChunkPlan plan = ChunkPlan.of(size, chunk);
        for (int i = 0; i < splits && plan.canSplit(plan.size() / 2); i++) {
            plan = plan.split(plan.size() / 2);
        }
        String encoded = TextCodec.segmentLengths(plan.segments());
        assertThat(TextCodec.segments(encoded)).isEqualTo(plan.segments());
    }

    @Test
    void aUniformPlanOfAThousandSegmentsTakesAFewCharacters() {
        ChunkPlan plan = ChunkPlan.of(999_999L, 1000L);
        assertThat(TextCodec.segmentLengths(plan.segments())).isEqualTo("1000*999,999");
    }

    @Property
    void indexRangesRoundTrip(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> raw) {
        List<Integer> ascending = List.copyOf(new TreeSet<>(raw));
        assertThat(TextCodec.indexes(TextCodec.indexRanges(ascending))).isEqualTo(ascending);
    }

    @Test
    void indexRangesAreCompact() {
        assertThat(TextCodec.indexRanges(List.of(0, 1, 2, 3, 5, 7, 8))).isEqualTo("0-3,5,7-8");
        assertThat(TextCodec.indexRanges(List.of())).isEmpty();
    }

    @Property
    void stringListsRoundTripWhateverTheyContain(@ForAll @Size(max = 8) List<String> values) {
        assertThat(TextCodec.strings(TextCodec.stringList(values))).isEqualTo(values);
    }

    @Test
    void anEmptyStringIsNotAnEmptyList() {
        assertThat(TextCodec.strings(TextCodec.stringList(List.of("")))).containsExactly("");
        assertThat(TextCodec.strings(TextCodec.stringList(List.of()))).isEmpty();
    }
}
