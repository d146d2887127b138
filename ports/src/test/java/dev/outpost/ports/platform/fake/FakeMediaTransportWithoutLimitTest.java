package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import java.time.Duration;
import java.util.Optional;

/** The contract's other branch: a platform without a segment limit and without concurrent appends. */
class FakeMediaTransportWithoutLimitTest extends MediaTransportContract {
    private final FakeClock clock = new FakeClock();
    private final FakePlatform platform = new FakePlatform(clock);
    private final String token = platform.issueTokens().accessToken();

    @Override
    protected MediaTransport createTransport() {
        platform.mediaTransport().acceptConcurrentAppends(false);
        return platform.mediaTransport();
    }

    @Override
    protected String accessToken() {
        return token;
    }

    @Override
    protected Optional<String> storedAltText(String mediaId) {
        return platform.altText(mediaId);
    }

    @Override
    protected void waitFor(Duration duration) {
        clock.advance(duration);
    }
}
