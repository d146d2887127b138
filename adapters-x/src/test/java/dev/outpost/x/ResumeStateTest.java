package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.upload.UploadCheckpoint.Phase;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The resume state the core journals for X: small, and read back as the session it was. */
class ResumeStateTest {
    private static final RemoteMedia MEDIA = new RemoteMedia("1880028106020515840",
            Instant.parse("2030-01-02T00:00:00.123Z"));

    @Property(tries = 300)
    void anUploadingSessionReadsBackAsItWas(@ForAll @LongRange(min = 1, max = 600_000_000) long size,
            @ForAll @IntRange(min = 1, max = 1000) int segmentsWanted,
            @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 999) Integer> splits,
            @ForAll @Size(max = 1000) List<@IntRange(min = 0, max = 999) Integer> acks,
            @ForAll @LongRange(min = 1, max = 1L << 30) long chunk) {
        ChunkPlan plan = ChunkPlan.of(size, Math.max(1, Math.floorDiv(size + segmentsWanted - 1, segmentsWanted)));
        for (int pick : splits) {
            int index = pick % plan.size();
            if (plan.canSplit(index)) {
                plan = plan.split(index);
            }
        }
        ChunkPlan finalPlan = plan;
        UploadSession.Appending session = new UploadSession.Appending(MEDIA, plan,
                acks.stream().map(i -> i % finalPlan.size()).toList());

        String state = ResumeState.uploading(session, chunk);
        ResumeState.Resumed resumed = ResumeState.decode(Phase.UPLOADING, state, size).orElseThrow();

        assertThat(resumed.session()).isEqualTo(session);
        assertThat(resumed.chunkSize()).isEqualTo(chunk);
        assertThat(state.length()).as("a compact state: %s", state).isLessThan(4200);
    }

    @Test
    void aTypicalStateIsAFewDozenBytes() {
        UploadSession.Appending session = new UploadSession.Appending(MEDIA, ChunkPlan.of(15_728_640L),
                List.of(0, 1, 3));

        String state = ResumeState.uploading(session, ChunkPlan.DEFAULT_CHUNK_SIZE);

        assertThat(state).isEqualTo("{\"v\":1,\"id\":\"1880028106020515840\",\"exp\":1893542400123,"
                + "\"chunk\":4718592,\"segs\":[[3,4718592],[1,1572864]],\"ack\":\"0-1,3\"}");
    }

    @Test
    void aProcessingStateHoldsTheMediaAlone() {
        String state = ResumeState.processing(MEDIA);

        ResumeState.Resumed resumed = ResumeState.decode(Phase.PROCESSING, state, 42).orElseThrow();

        assertThat(resumed.session()).isInstanceOfSatisfying(UploadSession.Processing.class,
                p -> assertThat(p.media()).isEqualTo(MEDIA));
    }

    @Test
    void aStateThisPluginDidNotWriteIsNotResumed() {
        String valid = ResumeState.uploading(new UploadSession.Appending(MEDIA, ChunkPlan.of(100, 10), List.of()),
                10);

        assertThat(ResumeState.decode(Phase.UPLOADING, "not json", 100)).isEmpty();
        assertThat(ResumeState.decode(Phase.UPLOADING, "{\"v\":2,\"id\":\"1\",\"exp\":1}", 100)).isEmpty();
        assertThat(ResumeState.decode(Phase.UPLOADING, valid, 101)).as("another size").isEmpty();
        assertThat(ResumeState.decode(Phase.UPLOADING, valid.replace("\"ack\":\"\"", "\"ack\":\"3-x\""), 100))
                .isEmpty();
        assertThat(ResumeState.decode(Phase.UPLOADING, valid.replace("\"ack\":\"\"", "\"ack\":\"10\""), 100))
                .as("a segment outside the plan").isEmpty();
        assertThat(ResumeState.decode(Phase.READY, valid, 100)).isEmpty();
        assertThat(ResumeState.decode(Phase.UPLOADING, valid, 100)).isPresent();
    }

    @Property
    void rangesReadBackAsTheIndexes(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 999) Integer> raw) {
        List<Integer> ascending = List.copyOf(new TreeSet<>(raw));

        assertThat(ResumeState.indexes(ResumeState.ranges(ascending))).isEqualTo(ascending);
    }
}
