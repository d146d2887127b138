package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import dev.outpost.xsandbox.Endpoint;
import dev.outpost.xsandbox.LoggedRequest;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md's upload rows that are X's protocol (U1, U2, U3, U6, U8, U10, U11), each against the X sandbox over
 * HTTP, driven through the ports' {@link TestUploadContext} as the core would lend it. The rows that are the core's
 * alone (backoff, budget, rate-limit waits, U7's fingerprint) are the application's tests.
 */
class XUploadReliabilitySandboxTest {
    /** Four segments of the sandbox's 1 MiB chunk: three whole, the last half a chunk. */
    private static final long VIDEO_BYTES = 3 * Sandbox.CHUNK + Sandbox.CHUNK / 2;

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private AccountAccess access;

    private void start(UnaryOperator<SandboxConfig.Builder> configure) {
        sandbox = new Sandbox(configure);
        access = sandbox.access();
    }

    private void start() {
        start(b -> b);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private XMediaTransport transport() {
        return transport(Map.of());
    }

    private XMediaTransport transport(Map<String, String> settings) {
        return (XMediaTransport) new XPlatformPlugin().mediaTransport(sandbox.context(settings));
    }

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access).clock(sandbox.clock).sleeper(sandbox.clock::advance);
    }

    private MediaFile video() {
        return TestMedia.mp4(dir, "clip.mp4", VIDEO_BYTES, 7);
    }

    private List<LoggedRequest> requests(Endpoint endpoint) {
        return sandbox.x.requests().forEndpoint(endpoint);
    }

    private void assertWholeFileArrived(MediaRef ref, MediaFile file) {
        assertThat(sandbox.media(ref.value())).hasValueSatisfying(m -> {
            assertThat(m.finalized()).isTrue();
            assertThat(m.sha256()).as("the bytes X assembled").isEqualTo(file.fingerprint().sha256());
        });
    }

    /** How many attempts each "send segment i of n" made, by segment index. */
    private static Map<Integer, Long> attemptsBySegment(TestUploadContext context) {
        return context.attempts("send segment ").stream().collect(Collectors.groupingBy(
                a -> Integer.parseInt(a.operation().split(" ")[2]), Collectors.counting()));
    }

    private static UploadSession.Appending uploading(UploadCheckpoint checkpoint, long size) {
        return (UploadSession.Appending) ResumeState.decode(checkpoint.phase(), checkpoint.state(), size)
                .orElseThrow().session();
    }

    @Test
    @DisplayName("U1: a reset mid-APPEND sends that segment index again, its bytes read again from the file;"
            + " acknowledged segments never again")
    void u1_resetMidAppend() {
        start();
        MediaFile video = video();
        sandbox.x.faults().resetDuringAppend(3);
        TestUploadContext context = context(video).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        assertThat(attemptsBySegment(context)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1L, 1, 1L, 2, 2L, 3, 1L));
        assertThat(context.attempts("send segment 2 ")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        List<LoggedRequest> appends = requests(Endpoint.MEDIA_APPEND);
        assertThat(appends).hasSize(5);
        assertThat(appends.get(2).fault()).as("the request that was cut").isNotNull();
        assertThat(appends.get(2).bodyBytesRead()).isLessThan(Sandbox.CHUNK);
        assertThat(sandbox.media(ref.value()).orElseThrow().segments()).filteredOn(s -> s.index() == 2)
                .singleElement().satisfies(s -> assertThat(s.sha256()).as("segment 2 as the file holds it")
                        .isEqualTo(sha256(video.path(), 2 * Sandbox.CHUNK, Sandbox.CHUNK)));
        assertThat(context.journal().checkpoints()).as("INIT, four segments, FINALIZE").hasSize(6);
    }

    @Test
    @DisplayName("U1: retries of one segment are bounded by the core's budget, and what was acknowledged stays")
    void u1_retriesBounded() {
        start();
        MediaFile video = video();
        sandbox.x.faults().add("append@3x*=reset");
        TestUploadContext context = context(video).build();

        assertThatThrownBy(() -> transport().upload(context)).isInstanceOf(TestUploadContext.RetriesSpent.class)
                .hasRootCauseInstanceOf(java.io.IOException.class);

        assertThat(context.attempts("send segment 2 ")).hasSize(5)
                .allSatisfy(a -> assertThat(a.outcome()).isEqualTo("Transient"));
        assertThat(uploading(context.journal().latest().orElseThrow(), video.size()).acknowledged())
                .containsExactly(0, 1);
    }

    @Test
    @DisplayName("U2: X kept the segment but the answer was lost: sent again, the journal moves only on a 2xx")
    void u2_answerLost() {
        start();
        MediaFile video = video();
        sandbox.x.faults().add("append@2=drop");
        List<List<Integer>> journaled = new ArrayList<>();
        TestUploadContext context = context(video).onCheckpoint(c -> {
            if (c.phase() == UploadCheckpoint.Phase.UPLOADING) {
                journaled.add(uploading(c, video.size()).acknowledged());
            }
        }).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        assertThat(context.attempts("send segment 1 ")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        assertThat(journaled).containsExactly(List.of(), List.of(0), List.of(0, 1), List.of(0, 1, 2),
                List.of(0, 1, 2, 3));
    }

    @Test
    @DisplayName("U3: 503 on INIT, APPEND and FINALIZE are retried; the media id is journaled before the first APPEND")
    void u3_serverErrorsRetriedAndMediaIdJournaledFirst() {
        start();
        MediaFile video = video();
        sandbox.x.faults().failWith(Endpoint.MEDIA_INITIALIZE, 503, 1, 1)
                .failWith(Endpoint.MEDIA_APPEND, 503, 2, 1)
                .failWith(Endpoint.MEDIA_FINALIZE, 503, 1, 1);
        List<Integer> appendsAtFirstCheckpoint = new ArrayList<>();
        TestUploadContext context = context(video).onCheckpoint(c -> {
            if (appendsAtFirstCheckpoint.isEmpty()) {
                appendsAtFirstCheckpoint.add(requests(Endpoint.MEDIA_APPEND).size());
            }
        }).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        assertThat(context.attempts("initialize")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        assertThat(context.attempts("finalize")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        assertThat(context.retriesSpent()).isEqualTo(3);
        assertThat(appendsAtFirstCheckpoint).containsExactly(0);
        UploadCheckpoint first = context.journal().checkpoints().get(0);
        assertThat(first.bytesAcknowledged()).isZero();
        assertThat(uploading(first, video.size()).media().mediaId()).isEqualTo(ref.value());
    }

    @Test
    @DisplayName("U5: another 4xx on an APPEND is not retried")
    void u5_clientErrorNotRetried() {
        start();
        sandbox.x.faults().failWith(Endpoint.MEDIA_APPEND, 400, 2, 1);
        TestUploadContext context = context(video()).build();

        assertThatThrownBy(() -> transport().upload(context)).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("400").hasMessageContaining("/append");
        assertThat(context.retriesSpent()).isZero();
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(2);
    }

    @Test
    @DisplayName("U6: a run killed between segments is resumed from the journal: same media id, only what X did"
            + " not acknowledge is sent")
    void u6_resumeAfterKill() {
        start();
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(3).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        UploadCheckpoint last = dying.journal().latest().orElseThrow();
        assertThat(uploading(last, video.size()).acknowledged()).containsExactly(0, 1);
        assertThat(last.bytesAcknowledged()).isEqualTo(2 * Sandbox.CHUNK);

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = transport().upload(resuming);

        assertThat(ref.value()).isEqualTo(uploading(last, video.size()).media().mediaId());
        assertWholeFileArrived(ref, video);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(1);
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(4).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
        assertThat(attemptsBySegment(resuming)).containsOnlyKeys(2, 3);
        assertThat(resuming.progress().get(0)).isEqualTo(new TestUploadContext.Progress(true, 2 * Sandbox.CHUNK, -1, 4));
    }

    @Test
    @DisplayName("U6: killed with four APPENDs in flight, the next run sends only the segments never acknowledged")
    void u6_resumeAfterKillWithParallelAppends() {
        start();
        MediaFile video = TestMedia.mp4(dir, "long.mp4", 9 * Sandbox.CHUNK + 123, 8);
        TestUploadContext dying = context(video).parallelism(4).crashAfterCheckpoints(4).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        UploadSession.Appending last = uploading(dying.journal().latest().orElseThrow(), video.size());
        assertThat(last.acknowledged()).hasSize(3);

        TestUploadContext resuming = context(video).parallelism(4).journal(dying.journal()).build();
        MediaRef ref = transport().upload(resuming);

        assertWholeFileArrived(ref, video);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(1);
        assertThat(attemptsBySegment(resuming).keySet()).doesNotContainAnyElementsOf(last.acknowledged())
                .containsAll(last.pendingSegments().stream().map(Segment::index).toList());
    }

    @Test
    @DisplayName("U6: a run killed after FINALIZE asks STATUS for the same media id, without a second FINALIZE")
    void u6_resumeWhileProcessing() {
        start();
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(6).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        assertThat(dying.journal().latest().orElseThrow().phase()).isEqualTo(UploadCheckpoint.Phase.PROCESSING);
        sandbox.clock.advance(Duration.ofSeconds(1));

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = transport().upload(resuming);

        assertWholeFileArrived(ref, video);
        assertThat(requests(Endpoint.MEDIA_FINALIZE)).hasSize(1);
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(4);
        assertThat(requests(Endpoint.MEDIA_STATUS)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.query()).containsEntry("media_id", ref.value()));
        assertThat(resuming.attempts()).extracting(TestUploadContext.Attempt::operation)
                .allMatch(op -> op.equals("check processing"));
        assertThat(resuming.bytesAcknowledged()).isEqualTo(video.size());
    }

    @Test
    @DisplayName("U6: a run killed once every segment was acknowledged finalizes; a FINALIZE X refuses then is"
            + " checked with STATUS")
    void u6_resumeBeforeFinalizeAnswered() {
        start();
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(5).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        String id = uploading(dying.journal().latest().orElseThrow(), video.size()).media().mediaId();
        // The dead run's FINALIZE reached X; this X refuses a second one.
        new XMediaRequests(new XFeign(XSettings.from(sandbox.context())), sandbox.clock).finalizeUpload(access, id);
        sandbox.x.faults().failWith(Endpoint.MEDIA_FINALIZE, 400, 1, 1);

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = transport().upload(resuming);

        assertThat(ref.value()).isEqualTo(id);
        assertWholeFileArrived(ref, video);
        assertThat(resuming.attempts("finalize")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("InvalidRequest");
        // The dead run's FINALIZE was just now: X may ask to wait, which the core does.
        assertThat(resuming.attempts("check the upload")).extracting(TestUploadContext.Attempt::outcome)
                .endsWith("ok");
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(4);
    }

    @Test
    @DisplayName("U6: a journaled media id that expired starts again with INIT")
    void u6_expiredMediaIdStartsOver() {
        start();
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(3).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        sandbox.clock.advance(Duration.ofHours(25));
        access = sandbox.access();

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = transport().upload(resuming);

        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(2);
        assertThat(attemptsBySegment(resuming)).containsOnlyKeys(0, 1, 2, 3);
        assertWholeFileArrived(ref, video);
    }

    @Test
    @DisplayName("U6: a media id that expires on X in the middle of the upload starts again with INIT, a bounded"
            + " number of times")
    void u6_mediaIdExpiringMidUpload() {
        start(b -> b.mediaTtl(Duration.ofMinutes(10)));
        MediaFile video = video();
        AtomicInteger checkpoints = new AtomicInteger();
        TestUploadContext once = context(video).onCheckpoint(c -> {
            if (checkpoints.incrementAndGet() == 3) {
                sandbox.clock.advance(Duration.ofMinutes(11));
            }
        }).build();

        MediaRef ref = transport().upload(once);

        assertWholeFileArrived(ref, video);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(2);

        TestUploadContext always = context(video).onCheckpoint(c -> {
            if (c.bytesAcknowledged() > 0) {
                sandbox.clock.advance(Duration.ofMinutes(11));
            }
        }).build();
        assertThatThrownBy(() -> transport().upload(always)).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("start over 3 times")
                .hasMessageContaining("expired");
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(2 + 3);
    }

    @Test
    @DisplayName("U8: when X does not hold the announced bytes, a data-loss error, and no media to post")
    void u8_totalBytesDisagree() {
        start();
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(3).build();
        assertThatThrownBy(() -> transport().upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        UploadCheckpoint last = dying.journal().latest().orElseThrow();
        UploadSession.Appending held = uploading(last, video.size());
        // A journal that says more than X holds: segments 2 and 3 never reached X.
        UploadSession.Appending claimed = new UploadSession.Appending(held.media(), held.plan(), List.of(0, 1, 2, 3));
        UploadCheckpoint forged = new UploadCheckpoint(last.id(), last.account(), last.file(), last.phase(),
                ResumeState.uploading(claimed, Sandbox.CHUNK), video.size(), last.expiresAt());
        TestUploadContext context = context(video).build();

        assertThatThrownBy(() -> transport().upload(new ResumingContext(context, forged)))
                .isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("clip.mp4").hasMessageContaining("X did not assemble the " + video.size())
                .hasMessageContaining("total_bytes was " + video.size()).hasMessageContaining("nothing will be posted");
        assertThat(sandbox.media(held.media().mediaId())).hasValueSatisfying(m -> assertThat(m.finalized()).isFalse());
        assertThat(requests(Endpoint.MEDIA_APPEND)).hasSize(2);
    }

    @Test
    @DisplayName("U8: a FINALIZE X refuses in a run that never sent one is a data-loss error at once")
    void u8_finalizeRefused() {
        start();
        sandbox.x.faults().failWith(Endpoint.MEDIA_FINALIZE, 400, 1, 1);
        TestUploadContext context = context(video()).build();

        assertThatThrownBy(() -> transport().upload(context)).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("nothing will be posted");
        assertThat(requests(Endpoint.MEDIA_STATUS)).isEmpty();
        assertThat(context.retriesSpent()).isZero();
    }

    @Test
    @DisplayName("U10: every STATUS waits check_after_secs, never earlier (X would answer an early poll 429)")
    void u10_pollsHonourCheckAfter() {
        start(b -> b.checkAfterSecs(5).processingDuration(Duration.ofSeconds(23)));
        MediaFile video = video();
        TestUploadContext context = context(video).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        assertThat(context.processingWaits()).hasSize(5)
                .allSatisfy(w -> assertThat(w.hint()).isEqualTo(Duration.ofSeconds(5)));
        // FINALIZE's "pending" says no percentage; STATUS answers do, growing.
        assertThat(context.processingWaits()).extracting(TestUploadContext.ProcessingWait::percent)
                .startsWith(-1).isSorted();
        assertThat(requests(Endpoint.MEDIA_STATUS)).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(context.sleeps()).allSatisfy(s -> assertThat(s.reason()).isEqualTo("processing"));
    }

    @Test
    @DisplayName("U10: past the deadline it stops; the next run polls the same media id")
    void u10_deadlineThenResumePolling() {
        start(b -> b.checkAfterSecs(5).processingDuration(Duration.ofSeconds(60)));
        MediaFile video = video();
        TestUploadContext first = context(video).processingDeadline(Duration.ofSeconds(20)).build();

        assertThatThrownBy(() -> transport().upload(first))
                .isInstanceOf(TestUploadContext.ProcessingDeadlinePassed.class);
        String id = first.journal().latest().map(c -> ResumeState.decode(c.phase(), c.state(), video.size())
                .orElseThrow().session().media().mediaId()).orElseThrow();

        TestUploadContext second = context(video).journal(first.journal()).build();
        MediaRef ref = transport().upload(second);

        assertThat(ref.value()).isEqualTo(id);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(1);
        assertThat(requests(Endpoint.MEDIA_FINALIZE)).hasSize(1);
        assertThat(requests(Endpoint.MEDIA_STATUS)).extracting(r -> r.query().get("media_id")).containsOnly(id);
        assertWholeFileArrived(ref, video);
    }

    @Test
    @DisplayName("U10: processing that fails is a refusal with X's message")
    void u10_processingFailed() {
        start(b -> b.failProcessing(1));
        TestUploadContext context = context(video()).build();

        assertThatThrownBy(() -> transport().upload(context)).isInstanceOfSatisfying(
                PlatformException.InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("processing_failed"))
                .hasMessageContaining("clip.mp4").hasMessageContaining("InvalidMedia")
                .hasMessageContaining("the sandbox was told to fail processing");
    }

    @Test
    @DisplayName("U11: a 413 splits the segment and the upload goes on with the smaller size")
    void u11_payloadTooLargeSplits() {
        start(b -> b.maxSegmentBytes(600_000));
        MediaFile video = video();
        TestUploadContext context = context(video).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        List<LoggedRequest> appends = requests(Endpoint.MEDIA_APPEND);
        assertThat(appends).filteredOn(r -> r.status() == 413).hasSize(1);
        assertThat(appends).filteredOn(r -> r.status() != 413).hasSize(7)
                .allSatisfy(r -> assertThat(r.bodyBytesRead()).isLessThan(600_000));
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(1);
        UploadSession.Appending split = uploading(context.journal().checkpoints().get(1), video.size());
        assertThat(split.plan().segments()).allSatisfy(s -> assertThat(s.length()).isEqualTo(Sandbox.CHUNK / 2));
        assertThat(ResumeState.decode(UploadCheckpoint.Phase.UPLOADING, context.journal().checkpoints().get(1).state(),
                video.size()).orElseThrow().chunkSize()).isEqualTo(Sandbox.CHUNK / 2);
    }

    /**
     * The bug the old uploader had: with APPENDs in parallel, the short last segment is acknowledged while the whole
     * ones get 413, so the upload must begin again; it began again with the same chunk size and met the same 413
     * until it gave up. The smaller size is kept, for the new INIT and in the journal.
     */
    @Test
    @DisplayName("U11: a real 413 among four parallel APPENDs: the upload starts over with the smaller size and"
            + " keeps it")
    void u11_payloadTooLargeWithParallelAppends() {
        start(b -> b.maxSegmentBytes(600_000));
        // Every request waits before it is read, so all four APPENDs are in flight before the first 413.
        sandbox.x.faults().latency(Duration.ofMillis(300));
        MediaFile video = video();
        TestUploadContext context = context(video).parallelism(4).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, video);
        List<LoggedRequest> appends = requests(Endpoint.MEDIA_APPEND);
        assertThat(appends).filteredOn(r -> r.status() == 413).as("one 413 for each whole segment, once").hasSize(3);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).hasSize(2);
        long firstInitOfTheRestart = requests(Endpoint.MEDIA_INITIALIZE).get(1).sequence();
        assertThat(appends).filteredOn(r -> r.sequence() > firstInitOfTheRestart).hasSize(7)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(204);
                    assertThat(r.bodyBytesRead()).isLessThan(600_000);
                });
        List<UploadCheckpoint> restarted = context.journal().checkpoints().stream()
                .filter(c -> c.phase() == UploadCheckpoint.Phase.UPLOADING)
                .filter(c -> uploading(c, video.size()).media().mediaId().equals(ref.value())).toList();
        assertThat(restarted).isNotEmpty().allSatisfy(c -> {
            assertThat(ResumeState.decode(c.phase(), c.state(), video.size()).orElseThrow().chunkSize())
                    .isEqualTo(Sandbox.CHUNK / 2);
            assertThat(uploading(c, video.size()).plan().chunkSize()).isEqualTo(Sandbox.CHUNK / 2);
        });
    }

    @Test
    @DisplayName("U11: X refusing even the smallest segment it could be sent is a refusal, not a loop")
    void u11_refusedAtAnySize() {
        start(b -> b.maxSegmentBytes(10));
        // 20,000 bytes in segments of 10 would take 2,000 segments: more than X numbers.
        TestUploadContext context = context(TestMedia.mp4(dir, "tiny.mp4", 20_000, 3)).build();

        assertThatThrownBy(() -> transport(Map.of(XSettings.CHUNK_SIZE, "5000")).upload(context))
                .isInstanceOf(PlatformException.PayloadTooLarge.class).hasMessageContaining("tiny.mp4");
        assertThat(requests(Endpoint.MEDIA_APPEND).size()).isLessThan(20);
    }

    @Test
    @DisplayName("a GIF goes in segments as tweet_gif, waits for processing, and takes its alt text last")
    void aGifInSegments() throws IOException {
        start();
        Path path = dir.resolve("loop.gif");
        byte[] bytes = new byte[(int) (Sandbox.CHUNK + 4321)];
        new Random(5).nextBytes(bytes);
        System.arraycopy("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 6);
        Files.write(path, bytes);
        MediaFile gif = TestMedia.inspect(path, MediaType.GIF);
        TestUploadContext context = context(gif).altText("A loop").parallelism(2).build();

        MediaRef ref = transport().upload(context);

        assertWholeFileArrived(ref, gif);
        assertThat(sandbox.media(ref.value())).hasValueSatisfying(m -> {
            assertThat(m.mediaCategory()).isEqualTo("tweet_gif");
            assertThat(m.altText()).isEqualTo("A loop");
            assertThat(m.processingState()).isEqualTo("succeeded");
        });
        assertThat(context.processingWaits()).isNotEmpty();
        assertThat(context.attempts().get(context.attempts().size() - 1).operation()).isEqualTo("add the alt text");
        assertThat(ref.expiresAt()).isAfter(sandbox.clock.instant());
    }

    @Test
    @DisplayName("an image goes in one request, ready at once, with no checkpoint to resume")
    void anImageInOneRequest() {
        start();
        MediaFile image = TestMedia.png(dir, "p.png", 32, 32);
        TestUploadContext context = context(image).build();

        MediaRef ref = transport().upload(context);

        assertThat(requests(Endpoint.MEDIA_UPLOAD)).hasSize(1);
        assertThat(requests(Endpoint.MEDIA_INITIALIZE)).isEmpty();
        assertThat(context.journal().checkpoints()).isEmpty();
        assertThat(context.progress()).containsExactly(new TestUploadContext.Progress(true, 0, -1, 1),
                new TestUploadContext.Progress(false, image.size(), 1, 1));
        assertThat(sandbox.media(ref.value()).map(MediaView::finalized)).contains(true);
        assertThat(ref.expiresAt()).isEqualTo(sandbox.clock.instant().plus(Duration.ofHours(24)));
    }

    private static String sha256(Path file, long offset, long length) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            channel.read(buffer, offset);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
