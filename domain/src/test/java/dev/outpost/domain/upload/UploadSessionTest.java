package dev.outpost.domain.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadSessionTest {
    private static final long SIZE = 10_000;
    private static final UploadTarget TARGET = new UploadTarget(new UploadId("upload-1"), AccountId.of("x", "42"),
            new MediaFile(Path.of("clip.mp4"), MediaType.MP4,
                    new FileFingerprint(SIZE, Instant.parse("2030-01-01T00:00:00Z"), "ab".repeat(32))));
    private static final RemoteMedia MEDIA = new RemoteMedia("1880028106020515840",
            Instant.parse("2030-01-02T00:00:00Z"));
    private static final ChunkPlan PLAN = ChunkPlan.of(SIZE, 3000);

    private static UploadSession.Appending initialized() {
        return UploadSession.initialized(TARGET, MEDIA, PLAN);
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
        assertThat(done.id()).isEqualTo(TARGET.id());
    }

    @Test
    void finalizeThatNeedsNoProcessingSucceedsAtOnce() {
        UploadSession done = complete(initialized()).finalizing().finalized(ProcessingStatus.succeeded());

        assertThat(done).isInstanceOf(UploadSession.Succeeded.class);
    }

    @Test
    void processingFailureCarriesThePlatformsReason() {
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
                .hasMessageContaining("upload-1").hasMessageContaining("2 of 4");
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
        assertThatThrownBy(() -> UploadSession.initialized(TARGET, MEDIA, ChunkPlan.of(SIZE + 1, 3000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processingNeedsAnUnfinishedStatus() {
        assertThatThrownBy(() -> new UploadSession.Processing(TARGET, MEDIA, ProcessingStatus.succeeded()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remoteMediaExpiresAtItsInstant() {
        assertThat(MEDIA.isExpiredAt(MEDIA.expiresAt().minusMillis(1))).isFalse();
        assertThat(MEDIA.isExpiredAt(MEDIA.expiresAt())).isTrue();
    }

    private static UploadSession.Appending complete(UploadSession.Appending appending) {
        UploadSession.Appending out = appending;
        for (Segment segment : appending.pendingSegments()) {
            out = out.acknowledge(segment.index());
        }
        return out;
    }
}
