package dev.outpost.x;

import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import dev.outpost.xsandbox.MediaView;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The media contract against the X sandbox over loopback HTTP. */
class XMediaTransportSandboxTest extends MediaTransportContract {
    private static Sandbox sandbox;
    private static String token;

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
    protected MediaTransport createTransport() {
        return new XPlatformPlugin().mediaTransport(sandbox.context());
    }

    @Override
    protected String accessToken() {
        return token;
    }

    @Override
    protected Optional<String> storedAltText(String mediaId) {
        return sandbox.x.state().media().stream().filter(m -> m.id().equals(mediaId)).findFirst()
                .map(MediaView::altText);
    }

    @Override
    protected OptionalLong maxSegmentBytes() {
        return OptionalLong.of(Sandbox.MAX_SEGMENT);
    }

    @Override
    protected long chunkSize() {
        return Sandbox.CHUNK;
    }

    @Override
    protected void waitFor(Duration duration) {
        sandbox.clock.advance(duration);
    }
}
