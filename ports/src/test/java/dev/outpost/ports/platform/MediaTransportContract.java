package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link MediaTransport} does, real or fake. Subclasses supply the subject, a valid access token with
 * the platform's media scope, and a way to read back the alt text the platform stored; the media files, chunk size
 * and platform capabilities have defaults they may override.
 */
public abstract class MediaTransportContract {
    private static final int MAX_POLLS = 60;

    @TempDir
    protected Path dir;

    protected MediaTransport transport;

    /** A fresh subject (called before each test). */
    protected abstract MediaTransport createTransport();

    /** A valid access token of one account, allowed to upload media. */
    protected abstract String accessToken();

    /** The alt text the platform holds for {@code mediaId}, read behind the transport's back. */
    protected abstract Optional<String> storedAltText(String mediaId);

    /** The largest segment the platform accepts, when it has a limit (X's sandbox: yes). */
    protected OptionalLong maxSegmentBytes() {
        return OptionalLong.empty();
    }

    /** Waits before the next processing poll: tests of emulators move their clock instead of sleeping. */
    protected void waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected long chunkSize() {
        return 1024 * 1024;
    }

    protected String invalidAccessToken() {
        return "bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ";
    }

    /** A media id of the platform's shape that was never issued. */
    protected String unknownMediaId() {
        return "1234567890123456789";
    }

    protected MediaFile image() {
        return TestMedia.jpeg(dir, "photo.jpg", 64, 48);
    }

    /** A video of a few segments: three whole chunks and a short last one. */
    protected MediaFile video() {
        return TestMedia.mp4(dir, "clip.mp4", 3 * chunkSize() + chunkSize() / 3, 7);
    }

    @BeforeEach
    void createSubject() {
        transport = createTransport();
    }

    @Test
    public void oneShotImageUploadGivesAUsableMediaId() {
        MediaFile image = image();
        AtomicLong reported = new AtomicLong();

        UploadResult result = transport.upload(accessToken(), image, reported::addAndGet);

        assertThat(result.media().mediaId()).isNotBlank();
        assertThat(reported.get()).as("bytes reported to the listener").isEqualTo(image.size());
        assertThat(awaitProcessing(result.media().mediaId(), result.status()).state())
                .isEqualTo(ProcessingStatus.State.SUCCEEDED);
        transport.describe(accessToken(), result.media().mediaId(), "A test pattern of coloured noise");
        assertThat(storedAltText(result.media().mediaId())).contains("A test pattern of coloured noise");
    }

    @Test
    public void segmentsAppendedInOrderAreAssembledAndProcessed() {
        MediaFile video = video();
        ChunkPlan plan = ChunkPlan.of(video.size(), chunkSize());
        RemoteMedia media = transport.initialize(accessToken(), video);

        for (Segment segment : plan.segments()) {
            AtomicLong reported = new AtomicLong();
            transport.append(accessToken(), media.mediaId(), segment, video, reported::addAndGet);
            assertThat(reported.get()).as("bytes reported for segment %d", segment.index())
                    .isEqualTo(segment.length());
        }
        ProcessingStatus finalized = transport.finalizeUpload(accessToken(), media.mediaId());

        assertThat(awaitProcessing(media.mediaId(), finalized).state()).isEqualTo(ProcessingStatus.State.SUCCEEDED);
    }

    @Test
    public void segmentsAppendedOutOfOrderAreAssembled() {
        MediaFile video = video();
        List<Segment> segments = new ArrayList<>(ChunkPlan.of(video.size(), chunkSize()).segments());
        Collections.reverse(segments);
        RemoteMedia media = transport.initialize(accessToken(), video);

        segments.forEach(s -> transport.append(accessToken(), media.mediaId(), s, video, TransferListener.NONE));
        ProcessingStatus finalized = transport.finalizeUpload(accessToken(), media.mediaId());

        assertThat(awaitProcessing(media.mediaId(), finalized).state()).isEqualTo(ProcessingStatus.State.SUCCEEDED);
    }

    @Test
    public void concurrentAppendsWorkWhenThePlatformAcceptsThem() throws Exception {
        MediaFile video = video();
        List<Segment> segments = ChunkPlan.of(video.size(), chunkSize()).segments();
        RemoteMedia media = transport.initialize(accessToken(), video);
        int threads = transport.acceptsConcurrentAppends() ? 3 : 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Segment s : segments) {
                sent.add(pool.submit(() -> transport.append(accessToken(), media.mediaId(), s, video,
                        TransferListener.NONE)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ProcessingStatus finalized = transport.finalizeUpload(accessToken(), media.mediaId());

        assertThat(awaitProcessing(media.mediaId(), finalized).state()).isEqualTo(ProcessingStatus.State.SUCCEEDED);
    }

    @Test
    public void appendingToAnUnknownMediaIdIsAnInvalidRequest() {
        MediaFile video = video();

        assertThatThrownBy(() -> transport.append(accessToken(), unknownMediaId(), new Segment(0, 0, 1024), video,
                TransferListener.NONE)).isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    public void finalizingWithASegmentMissingIsAnInvalidRequest() {
        MediaFile video = video();
        List<Segment> segments = ChunkPlan.of(video.size(), chunkSize()).segments();
        RemoteMedia media = transport.initialize(accessToken(), video);
        segments.stream().filter(s -> s.index() != 1)
                .forEach(s -> transport.append(accessToken(), media.mediaId(), s, video, TransferListener.NONE));

        assertThatThrownBy(() -> transport.finalizeUpload(accessToken(), media.mediaId()))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    /** With a limit, one byte over it is refused as too large and smaller segments then finish the upload. */
    @Test
    public void aSegmentOverThePlatformLimitIsPayloadTooLarge() {
        OptionalLong limit = maxSegmentBytes();
        long big = limit.isPresent() ? limit.getAsLong() + 1 : 2 * chunkSize();
        MediaFile video = TestMedia.mp4(dir, "big.mp4", big + 100, 11);
        RemoteMedia media = transport.initialize(accessToken(), video);
        Segment oversized = new Segment(0, 0, big);

        if (limit.isPresent()) {
            assertThatThrownBy(() -> transport.append(accessToken(), media.mediaId(), oversized, video,
                    TransferListener.NONE)).isInstanceOf(PlatformException.PayloadTooLarge.class);
            ChunkPlan.of(video.size(), limit.getAsLong()).segments().forEach(s ->
                    transport.append(accessToken(), media.mediaId(), s, video, TransferListener.NONE));
        } else {
            transport.append(accessToken(), media.mediaId(), oversized, video, TransferListener.NONE);
            transport.append(accessToken(), media.mediaId(), new Segment(1, big, 100), video, TransferListener.NONE);
        }
        ProcessingStatus finalized = transport.finalizeUpload(accessToken(), media.mediaId());
        assertThat(awaitProcessing(media.mediaId(), finalized).state()).isEqualTo(ProcessingStatus.State.SUCCEEDED);
    }

    @Test
    public void describingUnknownMediaIsAnInvalidRequest() {
        assertThatThrownBy(() -> transport.describe(accessToken(), unknownMediaId(), "nothing"))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    public void statusOfUnknownMediaIsAnInvalidRequest() {
        assertThatThrownBy(() -> transport.status(accessToken(), unknownMediaId()))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    public void anInvalidTokenIsUnauthorized() {
        MediaFile image = image();

        assertThatThrownBy(() -> transport.initialize(invalidAccessToken(), image))
                .isInstanceOf(PlatformException.Unauthorized.class);
        assertThatThrownBy(() -> transport.upload(invalidAccessToken(), image, TransferListener.NONE))
                .isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageNotContaining(invalidAccessToken());
    }

    /** Polls, never sooner than the platform asked, until processing is done. */
    protected ProcessingStatus awaitProcessing(String mediaId, ProcessingStatus first) {
        ProcessingStatus status = first;
        for (int i = 0; i < MAX_POLLS && !status.isDone(); i++) {
            waitFor(status.checkAfter());
            status = transport.status(accessToken(), mediaId);
        }
        assertThat(status.isDone()).as("processing finished within %d polls", MAX_POLLS).isTrue();
        return status;
    }
}
