package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import dev.outpost.ports.platform.fake.ProcessingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upload rows of RELIABILITY.md that every platform shares, run against each shape of platform: the core's
 * retries, rate-limit waits, refusals, processing waits, deadline and resume from the plugin's checkpoint. (The rows
 * that belong to one protocol, such as parts re-sent by index or a 413 that splits a part, are the X plugin's tests.)
 */
class UploadReliabilityTest {
    @TempDir
    Path dir;

    private DraftInput imagePost(String text, String alt) {
        MediaFile image = TestMedia.png(dir, "photo.png", 64, 48);
        return new DraftInput(text, List.of(new DraftInput.Attachment(image.path(), alt)), null, null);
    }

    private Path video(long size) {
        return TestMedia.mp4(dir, "clip.mp4", size, 7).path();
    }

    /** {@code polls} answers "in progress, ask again in 10 s", then done: longer than a 20 s deadline however polled. */
    private static ProcessingStep[] slowProcessing(int polls) {
        ProcessingStep[] steps = new ProcessingStep[polls + 1];
        java.util.Arrays.fill(steps, ProcessingStep.inProgress(Duration.ofSeconds(10), 20));
        steps[polls] = ProcessingStep.succeeded();
        return steps;
    }

    private static DraftInput videoPost(Path video) {
        return new DraftInput("a clip", List.of(new DraftInput.Attachment(video, "a short clip")), null, null);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U1/U3: a failed upload request is retried with backoff, and the post goes out once")
    void transientFailuresRetried(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.UPLOAD, 2, Faults.transientFailure());

        Publication done = engine.publishNow(account, imagePost("retried", "a photo"));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(3);
        assertThat(engine.platform.posts()).hasSize(1);
        // Full jitter: the first wait is at most 1 s, the second at most 2 s.
        assertThat(engine.sleeps).hasSize(2);
        assertThat(engine.sleeps.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(engine.sleeps.get(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(engine.events).filteredOn(ProgressEvent.Retrying.class::isInstance).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U2: the platform kept the upload but its answer was lost: sent again, one post with one image")
    void lostAnswerRetried(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNextAfterEffect(Operation.UPLOAD, Faults.lostMediaAnswer());

        Publication done = engine.publishNow(account, imagePost("kept", null));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(2);
        assertThat(engine.platform.posts()).singleElement().satisfies(p -> assertThat(p.media()).hasSize(1));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U3: retries are bounded: five failures of one request end the upload with the last error")
    void retriesBounded(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.UPLOAD, 5, Faults.transientFailure());

        Publication done = engine.publishNow(account, imagePost("never", null));

        assertThat(done.state()).isEqualTo(PublicationState.FAILED);
        assertThat(done.failure()).contains("photo.png").contains("failed 5 times").contains("503");
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(5);
        assertThat(engine.platform.posts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U4: a rate limit that ends in time is waited out until its reset")
    void rateLimitWaitedOut(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.UPLOAD, Faults.rateLimited(engine.clock.instant().plusSeconds(40)));

        Publication done = engine.publishNow(account, imagePost("patient", null));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.sleeps).containsExactly(Duration.ofSeconds(41));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U4: a rate limit beyond the patience stops with \"rate-limited until T\"")
    void rateLimitTooLong(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        var reset = engine.clock.instant().plus(Duration.ofHours(2));
        engine.platform.failNext(Operation.UPLOAD, Faults.rateLimited(reset));

        Publication done = engine.publishNow(account, imagePost("impatient", null));

        assertThat(done.state()).isEqualTo(PublicationState.FAILED);
        assertThat(done.failure()).contains("rate-limited until " + reset);
        assertThat(engine.sleeps).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U5: a refusal is not retried and names the file, the platform and its reason")
    void refusalNotRetried(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.UPLOAD, Faults.invalidRequest("the file is broken"));

        PublicationRunner.Outcome outcome = engine.core.runner().runDetailed(engine.core.publications()
                .createForImmediateRun(account.id(), imagePost("refused", null)).id());

        assertThat(outcome.publication().state()).isEqualTo(PublicationState.FAILED);
        assertThat(outcome.failureKind()).isEqualTo(OutpostException.Kind.REFUSED);
        assertThat(outcome.publication().failure()).contains("photo.png")
                .contains(engine.platform.plugin().displayName()).contains("the file is broken");
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(1);
        assertThat(engine.sleeps).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("four images go up at once, each with its alt text, in the user's order")
    void imagesInParallelKeepTheirOrderAndAltText(Shape shape) {
        Engine engine = Engine.start(shape).withUploads(Engine.uploadSettings());
        Account account = engine.connect();
        List<DraftInput.Attachment> images = List.of(
                new DraftInput.Attachment(TestMedia.png(dir, "a.png", 10, 10).path(), "first"),
                new DraftInput.Attachment(TestMedia.jpeg(dir, "b.jpg", 11, 10).path(), "second"),
                new DraftInput.Attachment(TestMedia.png(dir, "c.png", 12, 10).path(), null),
                new DraftInput.Attachment(TestMedia.jpeg(dir, "d.jpg", 13, 10).path(), "fourth"));

        Publication done = engine.publishNow(account, new DraftInput("four", images, null, null));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        var post = engine.platform.posts().get(0);
        assertThat(post.media()).hasSize(4);
        assertThat(post.altTexts()).containsExactly("first", "second", null, "fourth");
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesProcessingVideo")
    @DisplayName("U10: processing is waited for as the platform asks, never sooner than a second")
    void processingWaits(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Scenarios.processing(engine.platform, ProcessingStep.pending(Duration.ofSeconds(5)),
                ProcessingStep.inProgress(Duration.ofSeconds(3), 50), ProcessingStep.succeeded());

        Publication done = engine.publishNow(account, videoPost(video(300_000)));

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.STATUS)).isGreaterThanOrEqualTo(1);
        assertThat(engine.platform.shortestInterval(Operation.STATUS)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        if (engine.platform.capabilities().processingHint()) {
            // The platform's hints, exactly: never early.
            assertThat(engine.sleeps).containsSubsequence(Duration.ofSeconds(5), Duration.ofSeconds(3));
        } else {
            assertThat(engine.sleeps).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        }
        assertThat(engine.events).filteredOn(ProgressEvent.Processing.class::isInstance).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesProcessingVideo")
    @DisplayName("U10: processing that fails ends the publication with the platform's message, nothing posted")
    void processingFailed(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Scenarios.processing(engine.platform, ProcessingStep.inProgress(Duration.ofSeconds(1), 10),
                ProcessingStep.failed("the codec is not supported"));

        Publication done = engine.publishNow(account, videoPost(video(200_000)));

        assertThat(done.state()).isEqualTo(PublicationState.FAILED);
        assertThat(done.failure()).contains("clip.mp4").contains("the codec is not supported");
        assertThat(engine.platform.posts()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesProcessingVideo")
    @DisplayName("U6/U10: a run that stops while the platform processes resumes polling the same media; no byte is sent again")
    void deadlineThenResumePollingTheSameMedia(Shape shape) throws IOException {
        Engine engine = Engine.start(shape)
                .withUploads(Engine.uploadSettings().withProcessingDeadline(Duration.ofSeconds(20)));
        Account account = engine.connect();
        Scenarios.processing(engine.platform, slowProcessing(30));
        Path clip = video(400_000);

        Publication first = engine.publishNow(account, videoPost(clip));

        assertThat(first.state()).isEqualTo(PublicationState.FAILED);
        assertThat(first.failure()).contains("clip.mp4").contains("did not finish processing");
        long sent = engine.platform.mediaBytesReceived();
        assertThat(sent).isEqualTo(Files.size(clip));
        UploadCheckpoint checkpoint = engine.stores.uploads()
                .find(PublicationRunner.uploadId(first.id(), 0)).orElseThrow();
        assertThat(checkpoint.phase()).isEqualTo(UploadCheckpoint.Phase.PROCESSING);

        Engine later = engine.restart(Engine.uploadSettings());
        later.core.publications().resume(first.id());
        later.runDueJobs();

        Publication done = later.reload(first.id());
        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.mediaBytesReceived()).as("no byte sent twice").isEqualTo(sent);
        assertThat(engine.platform.mediaIds()).hasSize(1);
        assertThat(engine.platform.posts()).singleElement()
                .satisfies(p -> assertThat(p.media()).containsExactlyElementsOf(engine.platform.mediaIds()));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesProcessingVideo")
    @DisplayName("U7: a file changed before the resume is sent again from its first byte")
    void changedFileStartsOver(Shape shape) throws IOException {
        Engine engine = Engine.start(shape)
                .withUploads(Engine.uploadSettings().withProcessingDeadline(Duration.ofSeconds(20)));
        Account account = engine.connect();
        Scenarios.processing(engine.platform, slowProcessing(30));
        Path clip = video(300_000);
        Publication first = engine.publishNow(account, videoPost(clip));
        assertThat(first.state()).isEqualTo(PublicationState.FAILED);
        long sentBefore = engine.platform.mediaBytesReceived();

        Files.write(clip, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Scenarios.processing(engine.platform, ProcessingStep.succeeded());
        Engine later = engine.restart(Engine.uploadSettings());
        later.core.publications().resume(first.id());
        later.runDueJobs();

        Publication done = later.reload(first.id());
        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.mediaBytesReceived()).isEqualTo(sentBefore + Files.size(clip));
        assertThat(engine.platform.mediaIds()).hasSize(2);
        assertThat(engine.platform.posts()).singleElement()
                .satisfies(p -> assertThat(p.media()).containsExactly(engine.platform.mediaIds().get(1)));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("U7: a stand-alone upload is never resumed: its file is not hashed, its journal entry is gone after")
    void standAloneUploadLeavesNothing(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        MediaFile image = TestMedia.png(dir, "alone.png", 20, 20);

        UploadMedia.Uploaded uploaded = engine.core.uploadMedia().upload(account, image.path(), "alone", "FILE",
                event -> { });

        assertThat(uploaded.file().fingerprint().hashed()).isFalse();
        assertThat(uploaded.reference()).isNotBlank();
        assertThat(engine.stores.uploads().listUnfinished()).isEmpty();
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(1);
    }
}
