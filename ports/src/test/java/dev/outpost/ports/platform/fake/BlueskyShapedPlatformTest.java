package dev.outpost.ports.platform.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.SignInStart;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bluesky-shaped fake's own behaviour (rows B1 to B3 of RELIABILITY.md), which the application's tests use. */
class BlueskyShapedPlatformTest {
    private final FakeClock clock = new FakeClock();
    private final BlueskyShapedPlatform platform = new BlueskyShapedPlatform(clock);
    private final AccountAccess access = platform.access();
    private final MediaTransport transport = platform.plugin().mediaTransport(platform.context());
    private final PostPublisher publisher = platform.plugin().postPublisher(platform.context());
    private final Authorizer authorizer = platform.plugin().authorizer(platform.context());

    @TempDir
    Path dir;

    private TestUploadContext.Builder context(MediaFile file) {
        return TestUploadContext.builder(file, access).clock(clock).sleeper(clock::advance);
    }

    @Test
    void anExpiredTokenIsA400WithItsNameThatTheContextRefreshesOnce() {
        platform.expireAccessTokens();
        TestUploadContext context = context(TestMedia.png(dir, "p.png", 8, 8)).refresher(authorizer::refresh).build();

        transport.upload(context);

        assertThat(context.refreshes()).isEqualTo(1);
        assertThat(context.currentCredentials().extra()).as("the proof key stays").isEqualTo(
                access.credentials().extra());
        assertThat(platform.calls(Operation.UPLOAD)).extracting(FakeCall::outcome)
                .containsExactly("refused:400 ExpiredToken", "ok");
    }

    @Test
    void aTokenPresentedWithoutItsProofKeyIsRefused() {
        AccountAccess unbound = new AccountAccess(access.account(), access.credentials().withExtra(null));

        assertThatThrownBy(() -> platform.whoIs(unbound)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("InvalidToken");
        assertThat(platform.whoIs(access)).isEqualTo(BlueskyShapedPlatform.DEFAULT_USER);
    }

    @Test
    void aRotatedRefreshTokenWorksThroughItsGracePeriodAndARevokedSessionNeverAgain() {
        TokenSet first = access.credentials();
        TokenSet second = authorizer.refresh(access);

        assertThat(authorizer.refresh(access).accessToken()).as("within the grace period")
                .isNotEqualTo(second.accessToken());
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> authorizer.refresh(new AccountAccess(access.account(), first)))
                .isInstanceOf(PlatformException.Unauthorized.class).hasMessageContaining("ExpiredToken");
        AccountAccess current = new AccountAccess(access.account(), second);
        authorizer.revoke(current);
        assertThatThrownBy(() -> authorizer.refresh(current)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageContaining("revoked");
        authorizer.revoke(current);
    }

    @Test
    void aLostAnswerOnAPostIsSettledByItsKeyAndNeverMakesASecondRecord() {
        String key = publisher.newIdempotencyKey(clock.instant(), new Random(1));
        PostRequest request = new PostRequest("exactly once", List.of(), null, key, Map.of());
        platform.failNextAfterEffect(Operation.PUBLISH, WireFault.timeout());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);
        assertThatThrownBy(() -> publisher.publish(access, request)).as("the same key again: an opaque 500")
                .isInstanceOf(PlatformException.Ambiguous.class);
        Settlement settlement = publisher.settle(access, request, clock.instant());

        assertThat(platform.postsWithKey(key)).singleElement().satisfies(p -> assertThat(settlement)
                .isInstanceOfSatisfying(Settlement.Found.class, f -> assertThat(f.post().id()).isEqualTo(p.id())));
        assertThat(platform.calls(Operation.READ_POST)).singleElement()
                .satisfies(c -> assertThat(c.subject()).isEqualTo(key));
    }

    @Test
    void aCollectedBlobIsMediaExpiredAndPostsOnceUploadedAgain() {
        MediaFile image = TestMedia.png(dir, "p.png", 8, 8);
        MediaRef ref = transport.upload(context(image).build());
        platform.collectMedia();
        PostRequest request = new PostRequest("with a picture", List.of(new PostRequest.Media(ref.value(),
                image.type(), "A grid of noise")), null, "3kaaaaaaaaaa2", Map.of());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(
                PlatformException.MediaExpired.class);
        MediaRef again = transport.upload(context(image).build());
        RemotePost post = publisher.publish(access, new PostRequest(request.text(), List.of(new PostRequest.Media(
                again.value(), image.type(), "A grid of noise")), null, request.idempotencyKey(), Map.of()));

        assertThat(platform.post(post.id()).orElseThrow().altTexts()).containsExactly("A grid of noise");
        assertThat(platform.posts()).hasSize(1);
    }

    @Test
    void aThreadNamesItsRootAndEachParent() {
        RemotePost first = publisher.publish(access, request("one", null));
        RemotePost second = publisher.publish(access, request("two", first.replyRef()));
        RemotePost third = publisher.publish(access, request("three", second.replyRef()));

        assertThat(platform.post(third.id()).orElseThrow()).satisfies(p -> {
            assertThat(p.inReplyTo()).isEqualTo(second.id());
            assertThat(p.root()).isEqualTo(first.id());
        });
        assertThat(third.replyRef()).startsWith(first.id() + " ").contains(" " + third.id() + " ");
        assertThat(first.id()).startsWith("at://" + BlueskyShapedPlatform.DEFAULT_USER.id() + "/");
        assertThat(first.url().toString()).startsWith(BlueskyShapedPlatform.APP_VIEW + "/profile/alice.fake.test/");
    }

    @Test
    void keysAreTimeSortedIdentifiersThatNeverRepeat() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(publisher.newIdempotencyKey(clock.instant(), random));
        }
        clock.advance(Duration.ofSeconds(1));
        keys.add(publisher.newIdempotencyKey(clock.instant(), random));

        assertThat(keys).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).matches("[2-7a-z]{13}"));
        assertThat(keys.get(50)).isGreaterThan(keys.get(0));
    }

    @Test
    void theTextIsLimitedInGraphemesAndImagesAndAVideoNeverMix() {
        String accented = "e\u0301";

        publisher.publish(access, request(accented.repeat(300), null));
        assertThat(BlueskyShapedPlatform.GRAPHEMES.weightedLength(accented.repeat(3))).isEqualTo(3);
        assertThatThrownBy(() -> publisher.publish(access, request("y".repeat(301), null)))
                .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageContaining("300 graphemes");
        MediaRef image = transport.upload(context(TestMedia.png(dir, "p.png", 8, 8)).build());
        MediaRef video = transport.upload(context(TestMedia.mp4(dir, "v.mp4", 2000, 1)).build());
        assertThatThrownBy(() -> publisher.publish(access, new PostRequest("both", List.of(
                new PostRequest.Media(image.value(), dev.outpost.domain.media.MediaType.PNG, null),
                new PostRequest.Media(video.value(), dev.outpost.domain.media.MediaType.MP4, null)), null,
                "3kbbbbbbbbbb2", Map.of()))).isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    void aWrongAppPasswordIsUnauthorizedWithoutEchoingIt() {
        PendingAuthorization pending = PendingAuthorization.start("fake-bluesky", URI.create("http://127.0.0.1/cb"),
                "t", clock.instant(), new SecureRandom());

        assertThatThrownBy(() -> authorizer.begin("app-password", Map.of("handle", "alice.fake.test",
                "app-password", "zzzz-zzzz-zzzz-zzzz"), pending)).isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageNotContaining("zzzz");
        assertThatThrownBy(() -> authorizer.begin("app-password", Map.of("handle", "alice.fake.test"), pending))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("app-password:");
        SignInStart start = authorizer.begin("app-password", Map.of("handle", "@alice.fake.test", "app-password",
                BlueskyShapedPlatform.DEFAULT_APP_PASSWORD), pending);
        assertThat(start).isInstanceOfSatisfying(SignInStart.Connected.class, c -> {
            assertThat(c.connection().server()).isEqualTo(BlueskyShapedPlatform.PDS);
            assertThat(c.connection().credentials().extra()).isNotBlank();
            assertThat(c.connection().credentials().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        });
    }

    private PostRequest request(String text, String replyTo) {
        return new PostRequest(text, List.of(), replyTo, publisher.newIdempotencyKey(clock.instant(), new Random()),
                Map.of());
    }
}
