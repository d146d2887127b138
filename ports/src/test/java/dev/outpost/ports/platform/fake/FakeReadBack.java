package dev.outpost.ports.platform.fake;

import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.PostPublisherContract.StoredPost;
import java.util.Optional;

/** Reads a post of a fake platform back for {@link dev.outpost.ports.platform.PostPublisherContract}. */
final class FakeReadBack {
    private FakeReadBack() {
    }

    static Optional<StoredPost> of(FakePlatform platform, RemotePost post) {
        return platform.post(post.id()).map(p -> new StoredPost(p.id(), p.text(), p.media(), p.altTexts(),
                p.inReplyTo(), p.root(), p.options()));
    }
}
