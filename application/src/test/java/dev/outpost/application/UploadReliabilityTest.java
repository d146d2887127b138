package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.FakeCall;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY.md's upload rows, U1 to U11 (U9 is ChunkPlan's property test in domain), against the fakes. */
class UploadReliabilityTest {
    /** Four segments of the default 4.5 MiB chunk: three full, one of 1.5 MiB. */
    private static final long VIDEO_BYTES = 15_728_640L;

    @TempDir
    Path dir;

    private Engine engine;
    private Account account;
    private MediaFile video;

    @BeforeEach
    void setUp() {
        engine = Engine.start();
        account = engine.connect();
        video = TestMedia.mp4(dir, "clip.mp4", VIDEO_BYTES, 7);
        // Processing that succeeds at the first poll keeps these tests about uploading.
        engine.platform.processingScript(ProcessingStatus.pending(Duration.ofSeconds(1)), ProcessingStatus.succeeded());
    }

    private UploadSession.Succeeded upload(Engine run, MediaFile file) {
        return run.core.uploader().upload(new UploadTarget(new UploadId("up-1"), account.id(), file),
                MediaUploader.Reporting.none());
    }

    private Map<Integer, Long> appendsBySegment(Function<FakeCall, Boolean> filter) {
        return engine.platform.calls(Operation.APPEND).stream().filter(filter::apply)
                .collect(Collectors.groupingBy(FakeCall::segmentIndex, Collectors.counting()));
    }

    private List<FakeCall> appendsSince(int before) {
        List<FakeCall> appends = engine.platform.calls(Operation.APPEND);
        return appends.subList(before, appends.size());
    }

    private void assertWholeFileArrived(UploadSession.Succeeded done) throws IOException {
        assertThat(engine.platform.mediaTransport().assembledSha256(done.media().mediaId()))
                .contains(video.fingerprint().sha256());
    }

    @Test
    @DisplayName("U1: a reset mid-APPEND resends that segment from the file; acknowledged ones never again")
    void u1_resetMidAppend() throws IOException {
        engine.platform.failAppend(2, Faults.resetWhileSending());

        UploadSession.Succeeded done = upload(engine, video);

        assertWholeFileArrived(done);
        assertThat(appendsBySegment(c -> true)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1L, 1, 1L, 2, 2L, 3, 1L));
        // One backoff (at most the 1 s ceiling of a first retry), then the one processing poll's wait.
        assertThat(engine.sleeps).hasSize(2);
        assertThat(engine.sleeps.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("U2: the server kept the segment but the answer was lost: sent again, journal moved only on 2xx")
    void u2_answerLost() throws IOException {
        engine.platform.failAppendAfterEffect(1, Faults.timeout());

        UploadSession.Succeeded done = upload(engine, video);

        assertWholeFileArrived(done);
        assertThat(appendsBySegment(FakeCall::tookEffect)).containsEntry(1, 2L).containsEntry(0, 1L);
    }

    @Test
    @DisplayName("U3: 5xx on INIT, APPEND and FINALIZE are retried with backoff")
    void u3_serverErrorsRetried() throws IOException {
        engine.platform.failNext(Operation.INITIALIZE, Faults.transientFailure());
        engine.platform.failAppend(0, Faults.transientFailure());
        engine.platform.failNext(Operation.FINALIZE, Faults.transientFailure());

        UploadSession.Succeeded done = upload(engine, video);

        assertWholeFileArrived(done);
        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(2);
        assertThat(engine.platform.calls(Operation.FINALIZE)).hasSize(2);
        assertThat(engine.sleeps.stream().filter(d -> d.compareTo(Duration.ofSeconds(1)) <= 0)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("U3: the media id is journaled before the first APPEND")
    void u3_mediaIdJournaledBeforeAppend() {
        engine.platform.failAppend(0, Faults.invalidRequest("refused"));

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class);

        UploadSession journaled = engine.stores.uploads().find(new UploadId("up-1")).orElseThrow();
        assertThat(journaled).isInstanceOf(UploadSession.Appending.class);
        assertThat(journaled.media().mediaId()).isEqualTo(engine.platform.calls(Operation.APPEND).get(0).mediaId());
    }

    @Test
    @DisplayName("U3: retries are bounded: five attempts of one segment, then a clear error")
    void u3_retriesBounded() {
        engine.platform.failNext(Operation.APPEND, 5, Faults.transientFailure());

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("5 times");
        assertThat(engine.platform.calls(Operation.APPEND)).hasSize(5);
    }

    @Test
    @DisplayName("U4: a 429 is waited out when it resets within the deadline")
    void u4_rateLimitWaitedOut() throws IOException {
        Instant reset = engine.clock.instant().plusSeconds(90);
        engine.platform.failAppend(1, Faults.rateLimited(reset));

        UploadSession.Succeeded done = upload(engine, video);

        assertWholeFileArrived(done);
        assertThat(engine.sleeps).contains(Duration.ofSeconds(91));
    }

    @Test
    @DisplayName("U4: a 429 that resets too late stops with 'rate-limited until T'")
    void u4_rateLimitTooLong() {
        Instant reset = engine.clock.instant().plus(Duration.ofHours(3));
        engine.platform.failNext(Operation.INITIALIZE, Faults.rateLimited(reset));

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("rate-limited until " + reset);
        assertThat(engine.sleeps).isEmpty();
    }

    @Test
    @DisplayName("U5: another 4xx is not retried and names the file and the reason")
    void u5_clientErrorNotRetried() {
        engine.platform.failNext(Operation.INITIALIZE, Faults.invalidRequest("media_type is not supported"));

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("media_type is not supported");
        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(1);
        assertThat(engine.sleeps).isEmpty();
    }

    @Test
    @DisplayName("U6: a run that died between segments is resumed by the next from the journal")
    void u6_resumeAfterCrash() throws IOException {
        // The first run dies after two segments were acknowledged (a refusal stands in for the kill).
        engine.platform.failAppend(2, Faults.invalidRequest("process killed"));
        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class);
        String mediaId = engine.stores.uploads().find(new UploadId("up-1")).orElseThrow().media().mediaId();

        UploadSession.Succeeded done = upload(engine.restart(), video);

        assertThat(done.media().mediaId()).isEqualTo(mediaId);
        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(1);
        assertThat(appendsBySegment(FakeCall::tookEffect)).containsExactlyInAnyOrderEntriesOf(
                Map.of(0, 1L, 1, 1L, 2, 1L, 3, 1L));
        assertWholeFileArrived(done);
    }

    @Test
    @DisplayName("U6: if the journaled media id expired, the next run starts with a new INIT")
    void u6_expiredMediaIdStartsOver() throws IOException {
        engine.platform.failAppend(1, Faults.invalidRequest("process killed"));
        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class);
        engine.clock.advance(Duration.ofHours(25));

        UploadSession.Succeeded done = upload(engine.restart(), video);

        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(2);
        assertWholeFileArrived(done);
    }

    @Test
    @DisplayName("U7: a file changed before resume is detected and sent again from byte 0")
    void u7_changedFileRestarts() throws IOException {
        engine.platform.failAppend(2, Faults.invalidRequest("process killed"));
        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class);
        Files.write(video.path(), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        MediaFile changed = engine.inspect(video.path());
        int appendsBefore = engine.platform.calls(Operation.APPEND).size();

        UploadSession.Succeeded done = upload(engine.restart(), changed);

        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(2);
        assertThat(appendsSince(appendsBefore)).extracting(FakeCall::segmentIndex).containsExactly(0, 1, 2, 3);
        assertThat(engine.platform.mediaTransport().assembledSha256(done.media().mediaId()))
                .contains(changed.fingerprint().sha256());
    }

    @Test
    @DisplayName("U7: a file sent without a content hash (outpost upload) is never resumed, whatever its journal says")
    void u7_unhashedFileNeverResumes() throws IOException {
        MediaFile once = new MediaInspector().identify(video.path(), "FILE");
        assertThat(once.fingerprint().hashed()).isFalse();
        engine.platform.failAppend(2, Faults.invalidRequest("process killed"));
        assertThatThrownBy(() -> upload(engine, once)).isInstanceOf(OutpostException.class);
        assertThat(engine.stores.uploads().find(new UploadId("up-1"))).isPresent();
        int appendsBefore = engine.platform.calls(Operation.APPEND).size();

        UploadSession.Succeeded done = upload(engine.restart(), once);

        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(2);
        assertThat(appendsSince(appendsBefore)).extracting(FakeCall::segmentIndex).containsExactly(0, 1, 2, 3);
        assertWholeFileArrived(done);
    }

    @Test
    @DisplayName("U8: when the platform does not assemble the announced bytes, stop with a data-loss error")
    void u8_totalBytesDisagree() {
        engine.platform.failNext(Operation.FINALIZE, Faults.invalidRequest("segments total 15728639 bytes,"
                + " total_bytes was 15728640"));

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("nothing will be posted")
                .hasMessageContaining("total_bytes");
    }

    @Test
    @DisplayName("U10: polls wait check_after_secs every time, never earlier")
    void u10_pollsHonourCheckAfter() {
        engine.platform.processingScript(ProcessingStatus.pending(Duration.ofSeconds(5)),
                new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofSeconds(10), 40, null),
                new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofSeconds(3), 90, null),
                ProcessingStatus.succeeded());

        upload(engine, video);

        assertThat(engine.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(engine.platform.calls(Operation.STATUS)).hasSize(3).allMatch(FakeCall::tookEffect);
    }

    @Test
    @DisplayName("U10: past the deadline it stops; the next run polls the same media id")
    void u10_deadlineThenResumePolling() {
        engine.platform.processingScript(ProcessingStatus.pending(Duration.ofMinutes(20)),
                ProcessingStatus.pending(Duration.ofMinutes(20)), ProcessingStatus.succeeded());

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("did not finish processing within 30 min");
        String mediaId = engine.stores.uploads().find(new UploadId("up-1")).orElseThrow().media().mediaId();

        UploadSession.Succeeded done = upload(engine.restart(), video);

        assertThat(done.media().mediaId()).isEqualTo(mediaId);
        assertThat(engine.platform.calls(Operation.INITIALIZE)).hasSize(1);
        assertThat(engine.platform.calls(Operation.STATUS)).extracting(FakeCall::mediaId).containsOnly(mediaId);
    }

    @Test
    @DisplayName("U10: processing that fails gives a clear error with the platform's message")
    void u10_processingFailed() {
        engine.platform.processingScript(ProcessingStatus.pending(Duration.ofSeconds(2)),
                ProcessingStatus.failed("Unsupported video codec"));

        assertThatThrownBy(() -> upload(engine, video)).isInstanceOf(OutpostException.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("Unsupported video codec");
    }

    @Test
    @DisplayName("U11: a 413 splits the segment and the upload continues")
    void u11_payloadTooLargeSplits() throws IOException {
        engine.platform.limitSegmentBytes(2_000_000);

        UploadSession.Succeeded done = upload(engine, video);

        assertWholeFileArrived(done);
        assertThat(engine.platform.calls(Operation.APPEND).stream().filter(FakeCall::tookEffect))
                .allMatch(c -> c.bytes() <= 2_000_000);
        assertThat(engine.platform.calls(Operation.APPEND).stream().filter(c -> !c.tookEffect())).isNotEmpty();
    }

    @Test
    @DisplayName("parallel appends deliver the same bytes, and a 413 among them still ends in a whole file")
    void parallelAppends() throws IOException {
        Engine parallel = engine.withUploads(Engine.uploadSettings().withAppendParallelism(3));
        parallel.platform.failAppend(3, Faults.resetWhileSending());

        UploadSession.Succeeded done = upload(parallel, video);

        assertWholeFileArrived(done);
        assertThat(appendsBySegment(FakeCall::tookEffect)).containsOnlyKeys(0, 1, 2, 3)
                .allSatisfy((index, count) -> assertThat(count).isEqualTo(1L));
    }

    @Test
    @DisplayName("images go in one request and are ready at once")
    void imageInOneRequest() {
        MediaFile image = TestMedia.jpeg(dir, "photo.jpg", 64, 48);

        UploadSession.Succeeded done = upload(engine, image);

        assertThat(engine.platform.calls(Operation.UPLOAD)).hasSize(1);
        assertThat(engine.platform.calls(Operation.INITIALIZE)).isEmpty();
        assertThat(done.media().mediaId()).isNotBlank();
    }
}
