package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.mastodonsandbox.Endpoint;
import dev.outpost.mastodonsandbox.LoggedRequest;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY.md's Mastodon rows (M1-M4), and a reset in the middle of an upload, as named tests against the sandbox
 * over HTTP, with the ports' test UploadContext standing for the core (its waits move the sandbox's clock).
 */
class MastodonReliabilitySandboxTest {
    private final Sandbox sandbox = new Sandbox();
    private final MastodonPlatformPlugin plugin = new MastodonPlatformPlugin();
    private final MediaTransport transport = plugin.mediaTransport(sandbox.context());
    private final PostPublisher publisher = plugin.postPublisher(sandbox.context());
    private final AccountAccess access = sandbox.access();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access).clock(sandbox.clock).sleeper(sandbox.clock::advance);
    }

    private MediaFile video() {
        return TestMedia.mp4(dir, "clip-" + UUID.randomUUID() + ".mp4", 2 * 1024 * 1024 + 77, 5);
    }

    @Test
    void m1_mediaAnswered202Then206IsPolledWithAGentleBackoffNeverFasterThanASecondUntil200() {
        sandbox.mastodon.faults().processingPolls(9);
        TestUploadContext upload = context(video()).build();

        MediaRef ref = transport.upload(upload);

        // The plugin's own hint (Mastodon gives none): a second for the first polls, then growing gently.
        assertThat(upload.processingWaits()).extracting(TestUploadContext.ProcessingWait::hint)
                .extracting(Duration::toSeconds).containsExactly(1L, 1L, 1L, 2L, 2L, 3L, 3L, 4L, 4L, 5L);
        List<LoggedRequest> polls = sandbox.mastodon.requestsTo(Endpoint.MEDIA_GET);
        assertThat(polls).extracting(LoggedRequest::status)
                .containsExactly(206, 206, 206, 206, 206, 206, 206, 206, 206, 200);
        Instant uploaded = sandbox.mastodon.requestsTo(Endpoint.MEDIA_CREATE).get(0).at();
        List<Duration> gaps = new java.util.ArrayList<>();
        for (int i = 0; i < polls.size(); i++) {
            gaps.add(Duration.between(i == 0 ? uploaded : polls.get(i - 1).at(), polls.get(i).at()));
        }
        assertThat(gaps).as("seen by the server, on its clock").allSatisfy(gap ->
                assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(Duration.between(uploaded, polls.get(polls.size() - 1).at()))
                .as("ten polls in 26 s, where doubling every two polls would take 62 s")
                .isEqualTo(Duration.ofSeconds(26));
        assertThat(sandbox.media(ref.value()).orElseThrow().state()).isEqualTo("ready");
    }

    @Test
    void m1_thePollIntervalGrowsGentlyToFiveSecondsAndNoFurther() {
        assertThat(java.util.stream.IntStream.range(0, 14).mapToObj(MastodonMediaTransport::pollInterval)
                .map(Duration::toSeconds)).containsExactly(1L, 1L, 1L, 2L, 2L, 3L, 3L, 4L, 4L, 5L, 5L, 5L, 5L, 5L);
        assertThat(MastodonMediaTransport.pollInterval(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> MastodonMediaTransport.pollInterval(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void m1_aCrashWhileProcessingResumesByPollingTheSameMediaIdWithoutSendingTheFileAgain() {
        sandbox.mastodon.faults().processingPolls(3);
        MediaFile video = video();
        TestUploadContext dying = context(video).crashAfterCheckpoints(1).build();
        assertThatThrownBy(() -> transport.upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        UploadCheckpoint checkpoint = dying.journal().latest().orElseThrow();
        assertThat(checkpoint.phase()).isEqualTo(UploadCheckpoint.Phase.PROCESSING);

        TestUploadContext resuming = context(video).journal(dying.journal()).build();
        MediaRef ref = transport.upload(resuming);

        assertThat(ref.value()).isEqualTo(checkpoint.state());
        assertThat(sandbox.mastodon.requestsTo(Endpoint.MEDIA_CREATE)).hasSize(1);
        assertThat(sandbox.mastodon.media()).hasSize(1);
        assertThat(resuming.attempts()).allSatisfy(a -> assertThat(a.operation()).startsWith("check processing"));
    }

    @Test
    void m1_206ForeverEndsAtTheDeadlineAndALaterRunPollsTheSameMediaId() {
        sandbox.mastodon.faults().processingPolls(1_000_000);
        MediaFile video = video();
        TestUploadContext first = context(video).processingDeadline(Duration.ofMinutes(2)).build();

        assertThatThrownBy(() -> transport.upload(first))
                .isInstanceOf(TestUploadContext.ProcessingDeadlinePassed.class);
        Instant deadline = first.deadline();
        assertThat(sandbox.clock.instant()).isBeforeOrEqualTo(deadline);
        String mediaId = first.journal().latest().orElseThrow().state();
        int polls = sandbox.mastodon.requestsTo(Endpoint.MEDIA_GET).size();
        assertThat(polls).as("26 s for the first ten polls, then one every 5 s until the 2 min deadline")
                .isEqualTo(10 + (120 - 26) / 5);

        sandbox.mastodon.finishProcessing();
        MediaRef ref = transport.upload(context(video).journal(first.journal()).build());

        assertThat(ref.value()).isEqualTo(mediaId);
        assertThat(sandbox.mastodon.requestsTo(Endpoint.MEDIA_CREATE)).hasSize(1);
    }

    @Test
    void m1_failedProcessingIsAClearErrorWithTheServersMessage() {
        sandbox.mastodon.faults().processingPolls(1);
        sandbox.mastodon.faults().failProcessing(1);
        MediaFile video = video();

        assertThatThrownBy(() -> transport.upload(context(video).build()))
                .isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining(video.displayName() + " could not be processed by the server")
                .hasMessageContaining("Error processing thumbnail for uploaded media");
    }

    @Test
    void aResetInTheMiddleOfTheUploadIsSentAgainWholeFromTheFileAndBounded() {
        sandbox.mastodon.faults().add("media=reset");
        MediaFile video = video();
        TestUploadContext upload = context(video).build();

        MediaRef ref = transport.upload(upload);

        assertThat(upload.attempts("upload")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("Transient", "ok");
        assertThat(sandbox.mastodon.requestsTo(Endpoint.MEDIA_CREATE)).extracting(LoggedRequest::status)
                .containsExactly(0, 202);
        assertThat(sandbox.media(ref.value()).orElseThrow().sha256()).isEqualTo(video.fingerprint().sha256());

        sandbox.mastodon.faults().add("media@1x*=reset");
        TestUploadContext hopeless = context(video()).build();
        assertThatThrownBy(() -> transport.upload(hopeless)).isInstanceOf(TestUploadContext.RetriesSpent.class);
        assertThat(hopeless.attempts("upload")).hasSize(5);
    }

    @Test
    void m2_aLostStatusAnswerIsSentAgainWithTheSameKeyAndMakesExactlyOneStatus() {
        sandbox.mastodon.faults().add("statuses=drop");
        PostRequest request = new PostRequest("Once, whatever happens", List.of(), null,
                publisher.newIdempotencyKey(sandbox.clock.instant(), new java.util.Random(1)), Map.of());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class)
                .hasMessageContaining("may or may not exist");
        // What the core does when the publisher deduplicates: send it again, as it was.
        assertThat(publisher.deduplicates()).isTrue();
        RemotePost post = publisher.publish(access, request);

        assertThat(sandbox.mastodon.statuses()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(post.id());
            assertThat(s.idempotencyKey()).isEqualTo(request.idempotencyKey());
        });
        assertThat(sandbox.mastodon.requestsTo(Endpoint.STATUS_CREATE)).extracting(LoggedRequest::idempotencyKey)
                .containsExactly(request.idempotencyKey(), request.idempotencyKey());
    }

    @Test
    void m2_aLostAnswerFoundAfterTheKeysHourIsSettledFromTheRecentStatuses() {
        Instant since = sandbox.clock.instant();
        sandbox.mastodon.faults().add("statuses=drop");
        PostRequest request = new PostRequest("Lost, then found", List.of(), null, "key-" + UUID.randomUUID(),
                Map.of());
        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);

        sandbox.clock.advance(Duration.ofHours(2));
        Settlement settlement = publisher.settle(access, request, since);

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Found.class, found ->
                assertThat(found.post().id()).isEqualTo(sandbox.mastodon.statuses().get(0).id()));
    }

    @Test
    void m2_mediaStillProcessingAtPostTimeIsTransientAndPostsOnceReady() throws Exception {
        sandbox.mastodon.faults().processingPolls(1);
        MediaFile video = video();
        String mediaId = rawUpload(video);
        PostRequest request = new PostRequest("Video", List.of(new PostRequest.Media(mediaId, video.type(), null)),
                null, "key-" + UUID.randomUUID(), Map.of());

        RemotePost post = retryTransient(() -> publisher.publish(access, request), () -> poll(mediaId));

        assertThat(sandbox.mastodon.requestsTo(Endpoint.STATUS_CREATE)).extracting(LoggedRequest::status)
                .containsExactly(422, 422, 200);
        assertThat(sandbox.mastodon.statuses()).singleElement().satisfies(s ->
                assertThat(s.id()).isEqualTo(post.id()));
    }

    @Test
    void m3_a429IsWaitedOutUntilXRateLimitResetWithinTheDeadline() {
        sandbox.mastodon.faults().add("media=429:45");
        TestUploadContext upload = context(TestMedia.jpeg(dir, "p.jpg", 16, 16)).build();
        Instant start = sandbox.clock.instant();

        transport.upload(upload);

        assertThat(upload.attempts("upload")).extracting(TestUploadContext.Attempt::outcome)
                .containsExactly("RateLimited", "ok");
        // The server gives the reset in whole seconds, as Mastodon does; the wait ends exactly there.
        Instant reset = start.plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        assertThat(upload.sleeps()).singleElement().satisfies(s -> assertThat(s.duration())
                .isEqualTo(Duration.between(start, reset)));
        assertThat(sandbox.clock.instant()).isEqualTo(reset);
    }

    @Test
    void m3_a429PastTheDeadlineStopsWithRateLimitedUntilT() {
        sandbox.mastodon.faults().add("statuses=429:7200");
        Instant reset = sandbox.clock.instant().plusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);

        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("Later", List.of(), null, "k", Map.of())))
                .isInstanceOfSatisfying(PlatformException.RateLimited.class, e -> {
                    assertThat(e.resetAt()).contains(reset);
                    assertThat(e.getMessage()).contains("resets at " + reset);
                });
        TestUploadContext upload = context(TestMedia.jpeg(dir, "q.jpg", 16, 16))
                .processingDeadline(Duration.ofMinutes(30)).build();
        sandbox.mastodon.faults().add("media=429:7200");
        assertThatThrownBy(() -> transport.upload(upload)).isInstanceOf(PlatformException.RateLimited.class);
    }

    @Test
    void m4_aRevokedTokenIsUnauthorizedForTheCoreToMarkNeedsReconnectAndNothingLoops() {
        Authorizer authorizer = plugin.authorizer(sandbox.context());
        sandbox.mastodon.revoke(access.accessToken());
        TestUploadContext upload = context(video()).refresher(authorizer::refresh).build();

        assertThatThrownBy(() -> transport.upload(upload)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("connect the account again").hasMessageNotContaining(access.accessToken());
        assertThat(upload.attempts()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo("Unauthorized"));
        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("x", List.of(), null, "k", Map.of())))
                .isInstanceOf(PlatformException.Unauthorized.class).hasMessageContaining("revoked");
        assertThat(sandbox.mastodon.requests()).hasSize(2);
    }

    // ---- helpers

    /** Uploads without polling, as a client that posts too early would. */
    private String rawUpload(MediaFile file) throws Exception {
        MultipartBody body = MultipartBody.of(Map.of(), file.path(), "media.mp4", "video/mp4");
        var answer = Sandbox.send(HttpRequest.newBuilder(URI.create(sandbox.mastodon.baseUrl() + "/api/v2/media"))
                .header("Authorization", "Bearer " + access.accessToken()).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(body::open)).build());
        return MastodonJson.MAPPER.readTree(answer.body()).get("id").asText();
    }

    private void poll(String mediaId) {
        Sandbox.send(HttpRequest.newBuilder(URI.create(sandbox.mastodon.baseUrl() + "/api/v1/media/" + mediaId))
                .header("Authorization", "Bearer " + access.accessToken()).GET().build());
    }

    /** The core's retrier in small: a Transient failure is tried again after a wait, a few times. */
    private static <T> T retryTransient(Supplier<T> call, Runnable meanwhile) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (PlatformException.Transient e) {
                assertThat(e.getMessage()).contains("not finished processing");
                if (attempt == 5) {
                    throw e;
                }
                meanwhile.run();
            }
        }
    }
}
