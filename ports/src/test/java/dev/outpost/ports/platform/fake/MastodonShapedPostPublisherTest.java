package dev.outpost.ports.platform.fake;

import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class MastodonShapedPostPublisherTest extends PostPublisherContract {
    private final MastodonShapedPlatform platform = new MastodonShapedPlatform();
    private final AccountAccess access = platform.access();

    @TempDir
    Path dir;

    @Override
    protected PostPublisher createPublisher() {
        return platform.plugin().postPublisher(platform.context());
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return platform.capabilities();
    }

    @Override
    protected PostRequest.Media attachableImage(String altText) {
        var image = TestMedia.png(dir, "p.png", 8, 8);
        var ref = platform.plugin().mediaTransport(platform.context()).upload(TestUploadContext.builder(image, access)
                .altText(altText).clock(platform.clock()).build());
        return new PostRequest.Media(ref.value(), image.type(), altText);
    }

    @Override
    protected Optional<StoredPost> readBack(RemotePost post) {
        return FakeReadBack.of(platform, post);
    }

    @Override
    protected Map<String, String> validOptions() {
        return Map.of("visibility", "unlisted", "spoiler", "Spoilers ahead");
    }

    @Override
    protected Instant now() {
        return platform.clock().instant();
    }

    @Override
    protected void waitFor(Duration duration) {
        platform.clock().advance(duration);
    }
}
