package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.MediaTransportContract;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

class FakeMediaTransportTest extends MediaTransportContract {
    private final FakeClock clock = new FakeClock();
    private final FakePlatform platform = new FakePlatform(clock);
    private final String token = platform.issueTokens().accessToken();

    @Override
    protected MediaTransport createTransport() {
        platform.limitSegmentBytes(2 * chunkSize());
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
    protected OptionalLong maxSegmentBytes() {
        return OptionalLong.of(2 * chunkSize());
    }

    @Override
    protected void waitFor(Duration duration) {
        clock.advance(duration);
    }
}
