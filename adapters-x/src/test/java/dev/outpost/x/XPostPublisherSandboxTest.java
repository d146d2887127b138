package dev.outpost.x;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.Post;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The post contract against the X sandbox over loopback HTTP. */
class XPostPublisherSandboxTest extends PostPublisherContract {
    private static Sandbox sandbox;
    private static AccountAccess access;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        access = sandbox.access();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    protected PostPublisher createPublisher() {
        return new XPlatformPlugin().postPublisher(sandbox.context());
    }

    @Override
    protected AccountAccess access() {
        return access;
    }

    @Override
    protected PlatformCapabilities capabilities() {
        return Sandbox.CAPABILITIES;
    }

    /** X takes alt text with the upload, so the image is uploaded with it. */
    @Override
    protected PostRequest.Media attachableImage(String altText) {
        MediaFile png = TestMedia.png(dir, "p.png", 16, 16);
        MediaRef ref = new XPlatformPlugin().mediaTransport(sandbox.context()).upload(
                TestUploadContext.builder(png, access).clock(sandbox.clock).sleeper(sandbox.clock::advance)
                        .altText(altText).build());
        return new PostRequest.Media(ref.value(), png.type(), altText);
    }

    @Override
    protected Optional<StoredPost> readBack(RemotePost post) {
        return sandbox.x.posts().stream().filter(p -> p.id().equals(post.id())).findFirst().map(this::stored);
    }

    private StoredPost stored(Post post) {
        List<String> alt = post.mediaIds().stream()
                .map(id -> sandbox.media(id).map(MediaView::altText).orElse(null)).toList();
        return new StoredPost(post.id(), post.text(), post.mediaIds(), alt, post.inReplyToTweetId(), null, Map.of());
    }

    @Override
    protected Instant now() {
        return sandbox.clock.instant();
    }

    @Override
    protected void waitFor(Duration duration) {
        sandbox.clock.advance(duration);
    }
}
