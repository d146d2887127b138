package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TransferListener;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;

class FakePostPublisherTest extends PostPublisherContract {
    private final FakePlatform platform = new FakePlatform();
    private final String token = platform.issueTokens().accessToken();

    @TempDir
    Path dir;

    @Override
    protected PostPublisher createPublisher() {
        return platform.postPublisher();
    }

    @Override
    protected String accessToken() {
        return token;
    }

    @Override
    protected String platformUserId() {
        return FakePlatform.DEFAULT_USER.id();
    }

    @Override
    protected String processedMediaId() {
        return platform.mediaTransport().upload(token, TestMedia.png(dir, "p.png", 8, 8), TransferListener.NONE)
                .media().mediaId();
    }

    @Override
    protected Instant now() {
        return platform.clock().instant();
    }
}
