package dev.outpost.ports.platform.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three shapes load side by side and answer the same faults through the same face. */
class FakePlatformsTest {
    private static final FakeClock CLOCK = new FakeClock();

    static Stream<FakePlatform> shapes() {
        return FakePlatforms.all(new FakeClock()).stream();
    }

    @Test
    void theThreePluginsLoadSideBySide() {
        List<PlatformPlugin> plugins = FakePlatforms.plugins(FakePlatforms.all(CLOCK));

        assertThat(plugins).extracting(PlatformPlugin::id).containsExactly("fake", "fake-mastodon", "fake-bluesky");
        assertThat(plugins).extracting(PlatformPlugin::displayName).doesNotHaveDuplicates();
        assertThat(plugins).allSatisfy(p -> assertThat(p.rulebook(new XShapedPlatform(CLOCK).context()).defaults()
                .platformName()).startsWith("Fake "));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void eachShapeConnectsItsDefaultUserAndDeclaresWhatItsPluginDoes(FakePlatform platform) {
        AccountAccess access = platform.access();

        assertThat(platform.whoIs(access)).isEqualTo(platform.defaultUser());
        assertThat(access.account().id().platformId()).isEqualTo(platform.plugin().id());
        assertThat(platform.plugin().postPublisher(platform.context()).deduplicates())
                .isEqualTo(platform.capabilities().deduplicatesByKey());
        assertThat(platform.plugin().authorizer(platform.context()).signInMethods()).extracting(m -> m.id())
                .containsExactlyInAnyOrderElementsOf(platform.capabilities().signInMethods());
    }

    /** P1, M2, B2: a post whose answer was lost exists once, and the plugin's own way finds it. */
    @ParameterizedTest
    @MethodSource("shapes")
    void aLostAnswerOnAPostLeavesExactlyOnePostThatThePluginFinds(FakePlatform platform) {
        AccountAccess access = platform.access();
        PostPublisher publisher = platform.plugin().postPublisher(platform.context());
        Instant since = platform.clock().instant();
        PostRequest request = new PostRequest("lost answer", List.of(), null,
                publisher.newIdempotencyKey(since, new Random(3)), Map.of());
        platform.failNextAfterEffect(Operation.PUBLISH, WireFault.timeout());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);
        RemotePost found = publisher.deduplicates() ? publisher.publish(access, request)
                : ((Settlement.Found) publisher.settle(access, request, since)).post();

        assertThat(platform.posts()).singleElement().satisfies(p -> assertThat(p.id()).isEqualTo(found.id()));
        assertThat(platform.calls(Operation.PUBLISH).get(0).tookEffect()).isTrue();
    }

    /** A 429 and a 5xx on the wire mean the same to the core whatever the shape. */
    @ParameterizedTest
    @MethodSource("shapes")
    void wireFailuresMapToTheSameKinds(FakePlatform platform) {
        AccountAccess access = platform.access();
        PostPublisher publisher = platform.plugin().postPublisher(platform.context());
        Instant reset = platform.clock().instant().plusSeconds(60);
        platform.failNext(Operation.PUBLISH, Faults.http429(reset));
        platform.failNext(Operation.PUBLISH, Faults.http5xx());
        platform.failNext(Operation.PUBLISH, WireFault.refused());
        PostRequest request = new PostRequest("x", List.of(), null, "3kcccccccccc2", Map.of());

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOfSatisfying(
                PlatformException.RateLimited.class, e -> assertThat(e.resetAt()).contains(reset));
        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Ambiguous.class);
        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Transient.class);
        assertThat(platform.posts()).isEmpty();
        assertThat(platform.count(Operation.PUBLISH)).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void revokedCredentialsAreUnauthorizedEverywhere(FakePlatform platform) {
        AccountAccess access = platform.access();

        platform.revokeTokens();

        assertThatThrownBy(() -> platform.whoIs(access)).isInstanceOf(PlatformException.Unauthorized.class);
    }
}
