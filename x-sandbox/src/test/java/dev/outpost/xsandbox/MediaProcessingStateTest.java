package dev.outpost.xsandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Processing of a video is not over until its bytes are read, however short the configured processing time. */
class MediaProcessingStateTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void a_video_whose_bytes_are_still_being_read_stays_in_progress_then_succeeds() {
        MediaItem video = new MediaItem("1", "u", Set.of(), "tweet_video", "video/mp4", 10L, T0, T0.plusSeconds(3600));
        video.finalized = true;
        video.finalizedAt = T0;

        assertThat(video.processingState(T0.plusSeconds(5), Duration.ZERO)).isEqualTo("in_progress");
        assertThat(video.readyAt(T0.plusSeconds(5), Duration.ZERO)).isFalse();

        video.assembled.complete(null);
        assertThat(video.processingState(T0.plusSeconds(5), Duration.ZERO)).isEqualTo("succeeded");
        assertThat(video.readyAt(T0.plusSeconds(5), Duration.ZERO)).isTrue();
    }

    @Test
    void configured_processing_time_still_applies_once_the_bytes_are_read() {
        MediaItem video = new MediaItem("2", "u", Set.of(), "tweet_video", "video/mp4", 10L, T0, T0.plusSeconds(3600));
        video.finalized = true;
        video.finalizedAt = T0;
        video.assembled.complete(null);

        assertThat(video.processingState(T0.plusMillis(100), Duration.ofSeconds(3))).isEqualTo("pending");
        assertThat(video.processingState(T0.plusSeconds(2), Duration.ofSeconds(3))).isEqualTo("in_progress");
        assertThat(video.processingState(T0.plusSeconds(3), Duration.ofSeconds(3))).isEqualTo("succeeded");
    }

    @Test
    void once_processing_time_is_over_on_the_clock_a_status_waits_for_the_bytes_to_be_read() throws Exception {
        MediaItem video = new MediaItem("3", "u", Set.of(), "tweet_video", "video/mp4", 10L, T0, T0.plusSeconds(3600));
        video.finalized = true;
        video.finalizedAt = T0;
        Thread slowReader = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            video.assembled.complete(null);
        });
        slowReader.start();

        MediaLibrary.settle(video, T0.plusSeconds(1), Duration.ofSeconds(3));
        assertThat(video.assembled).as("not due yet on the clock: no wait").isNotDone();

        MediaLibrary.settle(video, T0.plusSeconds(3), Duration.ofSeconds(3));
        assertThat(video.processingState(T0.plusSeconds(3), Duration.ofSeconds(3))).isEqualTo("succeeded");
        slowReader.join();
    }
}
