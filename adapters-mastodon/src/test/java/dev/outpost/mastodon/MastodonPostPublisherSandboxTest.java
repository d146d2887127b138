package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.mastodonsandbox.SandboxMedia;
import dev.outpost.mastodonsandbox.SandboxStatus;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post publisher contract against the sandbox over HTTP, plus what is Mastodon's own. */
class MastodonPostPublisherSandboxTest extends PostPublisherContract {
    private final Sandbox sandbox = new Sandbox();
    private final AccountAccess access = sandbox.access();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Override
    protected PostPublisher createPublisher() {
        return new MastodonPlatformPlugin().postPublisher(sandbox.context());
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return Sandbox.CAPABILITIES;
    }

    @Override
    protected PostRequest.Media attachableImage(String altText) {
        MediaFile image = TestMedia.png(dir, "p" + System.nanoTime() + ".png", 8, 8);
        String ref = new MastodonPlatformPlugin().mediaTransport(sandbox.context()).upload(TestUploadContext
                .builder(image, access).altText(altText).clock(sandbox.clock).sleeper(sandbox.clock::advance).build())
                .value();
        return new PostRequest.Media(ref, image.type(), altText);
    }

    @Override
    protected Optional<StoredPost> readBack(RemotePost post) {
        return sandbox.mastodon.statuses().stream().filter(s -> s.id().equals(post.id())).findFirst()
                .map(this::stored);
    }

    private StoredPost stored(SandboxStatus s) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("visibility", s.visibility());
        options.put("sensitive", Boolean.toString(s.sensitive()));
        if (!s.spoilerText().isEmpty()) {
            options.put("content-warning", s.spoilerText());
        }
        if (s.language() != null) {
            options.put("language", s.language());
        }
        List<String> alts = s.mediaIds().stream().map(id -> sandbox.media(id).map(SandboxMedia::description)
                .orElse(null)).toList();
        return new StoredPost(s.id(), s.text(), s.mediaIds(), alts, s.inReplyToId(), null, options);
    }

    @Override
    protected Map<String, String> validOptions() {
        return Map.of("visibility", "unlisted", "content-warning", "Spoilers ahead", "sensitive", "true",
                "language", "en");
    }

    @Override
    protected Instant now() {
        return sandbox.clock.instant();
    }

    @Override
    protected void waitFor(Duration duration) {
        sandbox.clock.advance(duration);
    }

    @Test
    void thePostsLinkIsTheStatusUrlAndARepeatedKeyGivesTheSameStatus() {
        PostRequest request = request(unique("Linked"), List.of(), null);

        RemotePost post = publisher.publish(access, request);
        RemotePost again = publisher.publish(access, request);

        assertThat(post.url()).hasToString(sandbox.mastodon.baseUrl() + "/@alice/" + post.id());
        assertThat(again).isEqualTo(post);
        assertThat(sandbox.mastodon.statuses()).singleElement()
                .satisfies(s -> assertThat(s.idempotencyKey()).isEqualTo(request.idempotencyKey()));
    }

    @Test
    void mentionsAndLinksAreSettledFromTheServersHtml() {
        Instant since = now();
        PostRequest request = request("Hello @bob@far.example and <friends> & all: https://example.com/"
                + "a/very/long/path/that/is/cut?x=1&y=2\n\nSecond paragraph\nwith a break", List.of(), null);

        RemotePost post = publisher.publish(access, request);

        assertThat(publisher.settle(access, request, since)).isEqualTo(new Settlement.Found(post));
    }

    @Test
    void aPrivatePostUnseenWithoutReadStatusesIsAbsentWithinTheKeysHourAndUnknownAfter() {
        Instant since = now();
        PostRequest request = new PostRequest(unique("Followers only"), List.of(), null, key(),
                Map.of("visibility", "private"));
        publisher.publish(access, request);

        assertThat(publisher.settle(access, request, since)).isEqualTo(new Settlement.Absent(null));
        waitFor(Duration.ofMinutes(61));
        assertThat(publisher.settle(access, request, since)).isInstanceOf(Settlement.Unknown.class);

        AccountAccess reader = sandbox.access(sandbox.mastodon.issueToken(access.account().platformUserId(),
                java.util.Set.of("write:statuses", "read:accounts", "read:statuses")));
        assertThat(publisher.settle(reader, request, since)).isInstanceOf(Settlement.Found.class);
    }

    @Test
    void aReplyToAPostOnAnotherServerIsRefusedWithAWayOut() {
        PostRequest request = request("Hi", List.of(), "https://elsewhere.example/@bob/12345");

        assertThatThrownBy(() -> publisher.publish(access, request))
                .isInstanceOf(PlatformException.InvalidRequest.class).hasMessageContaining("elsewhere.example")
                .hasMessageContaining("open it on your server");
        assertThatThrownBy(() -> publisher.publish(access, request("Hi", List.of(), "not a post")))
                .isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    void aTextOverTheLimitIsTheServersOwnMessageAndTheLimitsAreReadAgain() {
        MastodonPlatformPlugin plugin = new MastodonPlatformPlugin();
        var context = sandbox.context();
        var rules = plugin.rulebook(context);
        PostPublisher own = plugin.postPublisher(context);
        assertThat(rules.rules(access.account()).primaryTextLimit().max()).isEqualTo(500);
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(100));

        assertThatThrownBy(() -> own.publish(access, request("x".repeat(101), List.of(), null)))
                .isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessageEndingWith("refused the post: Validation failed: Text character limit of 100 exceeded");

        assertThat(rules.rules(access.account()).primaryTextLimit().max()).isEqualTo(100);
    }
}
