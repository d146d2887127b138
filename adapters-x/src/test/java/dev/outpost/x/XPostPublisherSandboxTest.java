package dev.outpost.x;

import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostPublisherContract;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TransferListener;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The post contract against the X sandbox over loopback HTTP. */
class XPostPublisherSandboxTest extends PostPublisherContract {
    private static Sandbox sandbox;
    private static String token;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        token = sandbox.x.issueTokens().accessToken();
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
    protected String accessToken() {
        return token;
    }

    @Override
    protected String platformUserId() {
        return sandbox.x.defaultUser().id();
    }

    @Override
    protected String processedMediaId() {
        return new XPlatformPlugin().mediaTransport(sandbox.context())
                .upload(token, TestMedia.png(dir, "p.png", 16, 16), TransferListener.NONE).media().mediaId();
    }

    @Override
    protected Instant now() {
        return sandbox.clock.instant();
    }
}
