package dev.outpost.ports.platform.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.Rulebook;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mastodon-shaped fake's own behaviour (rows M1 to M4 of RELIABILITY.md), which the application's tests use. */
class MastodonShapedPlatformTest {
    private static final URI OTHER = URI.create("https://other.fake.invalid");

    private final FakeClock clock = new FakeClock();
    private final MastodonShapedPlatform platform = new MastodonShapedPlatform(clock);
    private final AccountAccess access = platform.access();
    private final MediaTransport transport = platform.plugin().mediaTransport(platform.context());
    private final PostPublisher publisher = platform.plugin().postPublisher(platform.context());

    @TempDir
    Path dir;

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access).clock(clock).sleeper(clock::advance);
    }

    @Test
    void theSameKeyWithinTheHourGivesTheSamePostAndLaterANewOne() {
        PostRequest request = new PostRequest("once", List.of(), null, "key-1", Map.of());
        platform.failNextAfterEffect(Operation.PUBLISH, WireFault.timeout());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);
        RemotePost again = publisher.publish(access, request);

        assertThat(platform.postsWithKey("key-1")).singleElement()
                .satisfies(p -> assertThat(p.id()).isEqualTo(again.id()));
        clock.advance(Duration.ofMinutes(61));
        assertThat(publisher.publish(access, request).id()).isNotEqualTo(again.id());
        assertThat(platform.postsWithKey("key-1")).hasSize(2);
    }

    @Test
    void aRevokedTokenIsUnauthorizedAndCannotBeRenewed() {
        Authorizer authorizer = platform.plugin().authorizer(platform.context());
        platform.revoke(access.credentials());
        MediaFile image = TestMedia.png(dir, "p.png", 8, 8);
        TestUploadContext context = context(image).refresher(authorizer::refresh).build();

        assertThatThrownBy(() -> transport.upload(context)).isInstanceOf(PlatformException.Unauthorized.class);
        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(platform.calls(Operation.UPLOAD)).extracting(FakeCall::outcome).containsExactly("refused:401");
        assertThatThrownBy(() -> platform.whoIs(access)).isInstanceOf(PlatformException.Unauthorized.class);
    }

    @Test
    void tokensNeverExpire() {
        platform.expireAccessTokens();
        clock.advance(Duration.ofDays(400));

        assertThat(access.credentials().expiresAt()).isNull();
        assertThat(platform.whoIs(access)).isEqualTo(MastodonShapedPlatform.DEFAULT_USER);
    }

    @Test
    void aClientIsRegisteredOncePerServerAndSharedThroughTheVault() {
        platform.addServer(OTHER);
        InMemoryVault vault = new InMemoryVault();
        PlatformContext one = new PlatformContext(Map.of(), clock, vault);
        PlatformContext two = new PlatformContext(Map.of(), clock, vault);

        Connection first = signIn(platform.plugin().authorizer(one), "social.fake.invalid");
        Connection second = signIn(platform.plugin().authorizer(two), "https://social.fake.invalid/");
        Connection elsewhere = signIn(platform.plugin().authorizer(one), OTHER.getHost());

        assertThat(platform.count(Operation.REGISTER_CLIENT)).isEqualTo(2);
        assertThat(platform.clients(MastodonShapedPlatform.DEFAULT_SERVER)).isEqualTo(1);
        assertThat(vault.snapshot()).hasSize(2);
        assertThat(first.localId()).isEqualTo("social.fake.invalid:" + MastodonShapedPlatform.DEFAULT_USER.id());
        assertThat(second.server()).isEqualTo(MastodonShapedPlatform.DEFAULT_SERVER);
        assertThat(elsewhere.server()).isEqualTo(OTHER);
        assertThat(elsewhere.localId()).startsWith("other.fake.invalid:");
        assertThat(first.credentials().canRefresh()).isFalse();
    }

    @Test
    void aServerThatDoesNotExistIsRefusedAndATypoIsNamed() {
        Authorizer authorizer = platform.plugin().authorizer(platform.context());
        PendingAuthorization pending = pending();

        assertThatThrownBy(() -> authorizer.begin("oauth", Map.of("server", "nowhere.fake.invalid"), pending))
                .isInstanceOf(PlatformException.InvalidRequest.class);
        assertThatThrownBy(() -> authorizer.begin("oauth", Map.of("server", "not a server"), pending))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("server:");
        assertThatThrownBy(() -> authorizer.begin("oauth", Map.of(), pending))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("server:");
    }

    @Test
    void rulesComeFromTheAccountsServerAndAreCachedUntilForgotten() {
        platform.addServer(OTHER);
        platform.limits(OTHER, new MastodonShapedPlatform.Limits(1000, 6, 23, 8L << 20, 40L << 20, 2000));
        Connection there = platform.connect(OTHER, new RemoteUser("7", "bob", "Bob"));
        Rulebook rulebook = platform.plugin().rulebook(platform.context());

        PlatformRules rules = rulebook.rules(platform.access(there).account());
        rulebook.rules(platform.access(there).account());

        assertThat(rules.platformName()).isEqualTo("Fake Mastodon (other.fake.invalid)");
        assertThat(rules.primaryTextLimit().max()).isEqualTo(1000);
        assertThat(rules.maxMedia(dev.outpost.domain.media.MediaKind.IMAGE)).isEqualTo(6);
        assertThat(rules.maxAltTextLength()).isEqualTo(2000);
        assertThat(rulebook.rules(access.account()).primaryTextLimit().max()).isEqualTo(500);
        assertThat(platform.count(Operation.SERVER_LIMITS)).isEqualTo(2);
        rulebook.forget(platform.access(there).account());
        rulebook.rules(platform.access(there).account());
        assertThat(platform.count(Operation.SERVER_LIMITS)).isEqualTo(3);
        assertThat(rulebook.defaults().platformName()).isEqualTo("Fake Mastodon");
    }

    @Test
    void aLinkCountsAsTwentyThreeCharactersAndAMentionAsItsUser() {
        var measure = MastodonShapedPlatform.measure(23);

        assertThat(measure.weightedLength("see https://example.com/" + "a".repeat(200))).isEqualTo(4 + 23);
        assertThat(measure.weightedLength("hi @bob@other.example")).isEqualTo(7);
    }

    @Test
    void processingIsPolledWithoutAHintAndNeverFasterThanTheCoresMinimum() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 5000, 1);
        TestUploadContext context = context(video).build();

        MediaRef ref = transport.upload(context);

        assertThat(context.processingWaits()).hasSize(2)
                .allSatisfy(w -> assertThat(w.hint()).isNull());
        assertThat(platform.calls(Operation.STATUS)).hasSize(2)
                .allSatisfy(c -> assertThat(c.subject()).isEqualTo(ref.value()));
        assertThat(platform.shortestInterval(Operation.STATUS)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRunThatDiedWhilePollingPollsTheSameMedia() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 5000, 1);
        TestUploadContext dying = context(video).crashAfterCheckpoints(1).build();
        assertThatThrownBy(() -> transport.upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);

        MediaRef ref = transport.upload(context(video).journal(dying.journal()).build());

        assertThat(platform.count(Operation.UPLOAD)).isEqualTo(1);
        assertThat(ref.value()).isEqualTo(dying.journal().latest().orElseThrow().state());
    }

    @Test
    void mediaGoneWhileTheRunWasDeadIsUploadedAgain() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 5000, 1);
        TestUploadContext dying = context(video).crashAfterCheckpoints(1).build();
        assertThatThrownBy(() -> transport.upload(dying)).isInstanceOf(TestUploadContext.SimulatedCrash.class);
        platform.collectMedia();

        MediaRef ref = transport.upload(context(video).journal(dying.journal()).build());

        assertThat(platform.count(Operation.UPLOAD)).isEqualTo(2);
        assertThat(platform.storedSha256(ref.value())).contains(video.fingerprint().sha256());
    }

    @Test
    void aRateLimitWithinTheDeadlineIsWaitedOut() {
        Instant reset = clock.instant().plusSeconds(300);
        platform.failNext(Operation.UPLOAD, Faults.http429(reset));

        transport.upload(context(TestMedia.png(dir, "p.png", 8, 8)).build());

        assertThat(clock.instant()).isEqualTo(reset);
    }

    @Test
    void mediaStillProcessingOrTextOverTheServersLimitIsRefused() {
        MediaFile video = TestMedia.mp4(dir, "v.mp4", 500, 1);
        platform.processingScript(ProcessingStep.pending(Duration.ZERO));
        assertThatThrownBy(() -> transport.upload(context(video).maxProcessingWaits(2).build()))
                .isInstanceOf(TestUploadContext.ProcessingDeadlinePassed.class);
        String mediaId = platform.mediaIds().get(0);

        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("early", List.of(new PostRequest.Media(
                mediaId, video.type(), null)), null, "k1", Map.of()))).isInstanceOf(
                        PlatformException.InvalidRequest.class).hasMessageContaining("finished processing");
        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("y".repeat(501), List.of(), null, "k2",
                Map.of()))).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageContaining("character limit of 500");
    }

    @Test
    void optionsAndRepliesReachThePost() {
        RemotePost first = publisher.publish(access, new PostRequest("first", List.of(), null, "a", Map.of()));

        RemotePost reply = publisher.publish(access, new PostRequest("reply", List.of(), first.url().toString(), "b",
                Map.of("visibility", "unlisted", "spoiler", "cw")));

        assertThat(platform.post(reply.id()).orElseThrow()).satisfies(p -> {
            assertThat(p.inReplyTo()).isEqualTo(first.id());
            assertThat(p.options()).containsEntry("visibility", "unlisted").containsEntry("spoiler", "cw");
            assertThat(p.key()).isEqualTo("b");
        });
    }

    private Connection signIn(Authorizer authorizer, String server) {
        SignInStart.Redirect redirect = (SignInStart.Redirect) authorizer.begin("oauth", Map.of("server", server),
                pending());
        Map<String, String> callback = FakePlatform.query(platform.approve(redirect.url()));
        return authorizer.complete(redirect.pending(), callback);
    }

    private PendingAuthorization pending() {
        return PendingAuthorization.start("fake-mastodon", URI.create("http://127.0.0.1:8765/callback"), "test",
                clock.instant(), new SecureRandom());
    }
}
