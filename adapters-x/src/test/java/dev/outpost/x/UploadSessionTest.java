package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The segmented upload's state machine, moved here from domain with the protocol. */
class UploadSessionTest {
    private static final long SIZE = 10_000;
    private static final RemoteMedia MEDIA = new RemoteMedia("1880028106020515840",
            Instant.parse("2030-01-02T00:00:00Z"));
    private static final ChunkPlan PLAN = ChunkPlan.of(SIZE, 3000);

    private static UploadSession.Appending initialized() {
        return UploadSession.initialized(MEDIA, PLAN, SIZE);
    }

    @Test
    void theLegalPathThroughEveryState() {
        UploadSession.Appending appending = initialized();
        assertThat(appending.stateName()).isEqualTo("initialized");
        assertThat(appending.pendingSegments()).isEqualTo(PLAN.segments());

        for (Segment segment : PLAN.segments()) {
            appending = appending.acknowledge(segment.index());
            assertThat(appending.stateName()).isEqualTo("appending");
        }
        assertThat(appending.isComplete()).isTrue();
        assertThat(appending.acknowledgedBytes()).isEqualTo(SIZE);

        UploadSession.Finalizing finalizing = appending.finalizing();
        assertThat(finalizing.stateName()).isEqualTo("finalizing");

        UploadSession processing = finalizing.finalized(ProcessingStatus.pending(Duration.ofSeconds(5)));
        assertThat(processing).isInstanceOf(UploadSession.Processing.class);
        assertThat(processing.stateName()).isEqualTo("processing");
        assertThat(((UploadSession.Processing) processing).status().checkAfter()).isEqualTo(Duration.ofSeconds(5));

        UploadSession inProgress = ((UploadSession.Processing) processing)
                .update(new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofSeconds(10), 40, null));
        assertThat(inProgress.stateName()).isEqualTo("processing");
        assertThat(inProgress.isTerminal()).isFalse();

        UploadSession done = ((UploadSession.Processing) inProgress).update(ProcessingStatus.succeeded());
        assertThat(done).isInstanceOf(UploadSession.Succeeded.class);
        assertThat(done.stateName()).isEqualTo("succeeded");
        assertThat(done.isTerminal()).isTrue();
        assertThat(done.media()).isEqualTo(MEDIA);
    }

    @Test
    void finalizeThatNeedsNoProcessingSucceedsAtOnce() {
        UploadSession done = complete(initialized()).finalizing().finalized(ProcessingStatus.succeeded());

        assertThat(done).isInstanceOf(UploadSession.Succeeded.class);
    }

    @Test
    void processingFailureCarriesXsReason() {
        UploadSession.Processing processing = (UploadSession.Processing) complete(initialized()).finalizing()
                .finalized(ProcessingStatus.pending(Duration.ofSeconds(1)));

        UploadSession failed = processing.update(ProcessingStatus.failed("unsupported codec"));
        UploadSession silent = processing.update(ProcessingStatus.failed(null));

        assertThat(failed.stateName()).isEqualTo("failed");
        assertThat(((UploadSession.Failed) failed).reason()).isEqualTo("unsupported codec");
        assertThat(((UploadSession.Failed) silent).reason()).isNotBlank();
    }

    @Test
    void acknowledgementsAreIdempotentAndSorted() {
        UploadSession.Appending once = initialized().acknowledge(3).acknowledge(0).acknowledge(2);
        UploadSession.Appending twice = once.acknowledge(3).acknowledge(0);

        assertThat(once.acknowledged()).containsExactly(0, 2, 3);
        assertThat(twice).isEqualTo(once);
        assertThat(once.pendingSegments()).extracting(Segment::index).containsExactly(1);
        assertThat(once.acknowledgedBytes()).isEqualTo(SIZE - PLAN.segment(1).length());
    }

    @Test
    void aSegmentOutsideThePlanCannotBeAcknowledged() {
        assertThatThrownBy(() -> initialized().acknowledge(PLAN.size())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finalizingBeforeEverySegmentIsAcknowledgedThrows() {
        UploadSession.Appending partial = initialized().acknowledge(0).acknowledge(1);

        assertThatThrownBy(partial::finalizing).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MEDIA.mediaId()).hasMessageContaining("2 of 4");
    }

    @Test
    void splittingKeepsEarlierAcknowledgements() {
        UploadSession.Appending split = initialized().acknowledge(0).split(1);

        assertThat(split.acknowledged()).containsExactly(0);
        assertThat(split.plan().size()).isGreaterThan(PLAN.size());
        assertThat(split.plan().segment(0)).isEqualTo(PLAN.segment(0));
        assertThat(split.pendingSegments()).allSatisfy(s -> assertThat(s.length()).isLessThan(3000));
    }

    @Test
    void splittingAfterALaterAcknowledgedSegmentThrows() {
        UploadSession.Appending appending = initialized().acknowledge(2);

        assertThatThrownBy(() -> appending.split(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> appending.split(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyUnfinishedStateCanFailOrExpire() {
        UploadSession.Appending appending = initialized().acknowledge(1);
        UploadSession.Finalizing finalizing = complete(initialized()).finalizing();
        UploadSession.Processing processing = (UploadSession.Processing) finalizing
                .finalized(ProcessingStatus.pending(Duration.ofSeconds(1)));

        for (UploadSession.Unfinished unfinished : List.of(appending, finalizing, processing)) {
            UploadSession.Failed failed = unfinished.fail("connection lost");
            UploadSession.Expired expired = unfinished.expire();
            assertThat(failed.stateName()).isEqualTo("failed");
            assertThat(failed.reason()).isEqualTo("connection lost");
            assertThat(failed.isTerminal()).isTrue();
            assertThat(expired.stateName()).isEqualTo("expired");
            assertThat(expired.isTerminal()).isTrue();
            assertThat(expired.media()).isEqualTo(MEDIA);
            assertThat(unfinished.isTerminal()).isFalse();
        }
    }

    @Test
    void aPlanForAnotherSizeIsRefused() {
        assertThatThrownBy(() -> UploadSession.initialized(MEDIA, ChunkPlan.of(SIZE + 1, 3000), SIZE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processingNeedsAnUnfinishedStatus() {
        assertThatThrownBy(() -> new UploadSession.Processing(MEDIA, ProcessingStatus.succeeded()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remoteMediaExpiresAtItsInstant() {
        assertThat(MEDIA.isExpiredAt(MEDIA.expiresAt().minusMillis(1))).isFalse();
        assertThat(MEDIA.isExpiredAt(MEDIA.expiresAt())).isTrue();
    }

    /**
     * Whatever order segments are acknowledged in, and wherever X refuses one as too large (when it may still be
     * split), the plan tiles the file, acknowledgements survive and the bytes acknowledged never exceed the file.
     */
    @Property(tries = 200)
    void acknowledgingAndSplittingKeepTheSessionConsistent(
            @ForAll @LongRange(min = 1, max = 20_000_000) long size,
            @ForAll @IntRange(min = 1, max = 200) int segmentsWanted,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> moves) {
        ChunkPlan plan = ChunkPlan.of(size, Math.max(1, Math.floorDiv(size + segmentsWanted - 1, segmentsWanted)));
        UploadSession.Appending session = UploadSession.initialized(MEDIA, plan, size);
        for (int move : moves) {
            List<Segment> pending = session.pendingSegments();
            if (pending.isEmpty()) {
                break;
            }
            Segment segment = pending.get(move % pending.size());
            boolean refuse = move % 7 == 0;
            if (refuse && session.plan().canSplit(segment.index())
                    && session.acknowledged().stream().allMatch(i -> i < segment.index())) {
                List<Integer> before = new ArrayList<>(session.acknowledged());
                long acknowledgedBytes = session.acknowledgedBytes();
                session = session.split(segment.index());
                assertThat(session.acknowledged()).isEqualTo(before);
                assertThat(session.acknowledgedBytes()).isEqualTo(acknowledgedBytes);
            } else if (!refuse) {
                session = session.acknowledge(segment.index());
            }
            ChunkPlanTest.assertTiles(session.plan(), size);
            assertThat(session.acknowledgedBytes()).isBetween(0L, size);
            assertThat(session.pendingSegments().size() + session.acknowledged().size())
                    .isEqualTo(session.plan().size());
        }
        if (session.isComplete()) {
            assertThat(session.acknowledgedBytes()).isEqualTo(size);
            assertThat(session.finalizing().media()).isEqualTo(MEDIA);
        }
    }

    private static UploadSession.Appending complete(UploadSession.Appending appending) {
        UploadSession.Appending out = appending;
        for (Segment segment : appending.pendingSegments()) {
            out = out.acknowledge(segment.index());
        }
        return out;
    }
}
