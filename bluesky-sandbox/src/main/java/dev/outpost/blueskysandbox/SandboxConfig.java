package dev.outpost.blueskysandbox;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How a sandbox behaves. Defaults follow the real PDS 0.5.35 (FACTS): access tokens live 2 hours, a rotated refresh
 * token keeps working for 2 hours, blobs up to 5,242,880 bytes; and production's video service: 25 videos and
 * 10 GB a day, encoding in 3 seconds.
 *
 * @param jwtSecret the HS256 secret of session tokens (a test that knows it can mint an expired one)
 * @param spoolDirectory where uploaded bytes are kept; null for a temporary directory
 */
public record SandboxConfig(String host, int port, Clock clock, String jwtSecret, Duration accessTtl,
        Duration refreshGrace, long blobLimit, Duration encodingTime, int dailyVideos, long dailyVideoBytes,
        Path spoolDirectory) {
    public SandboxConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(accessTtl, "accessTtl");
        Objects.requireNonNull(refreshGrace, "refreshGrace");
        Objects.requireNonNull(encodingTime, "encodingTime");
    }

    public static SandboxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting with its default; change what the test needs. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Clock clock = Clock.systemUTC();
        private String jwtSecret;
        private Duration accessTtl = Duration.ofHours(2);
        private Duration refreshGrace = Duration.ofHours(2);
        private long blobLimit = 5_242_880;
        private Duration encodingTime = Duration.ofSeconds(3);
        private int dailyVideos = 25;
        private long dailyVideoBytes = 10_000_000_000L;
        private Path spoolDirectory;

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder jwtSecret(String value) {
            this.jwtSecret = value;
            return this;
        }

        public Builder accessTtl(Duration value) {
            this.accessTtl = value;
            return this;
        }

        public Builder refreshGrace(Duration value) {
            this.refreshGrace = value;
            return this;
        }

        public Builder blobLimit(long value) {
            this.blobLimit = value;
            return this;
        }

        public Builder encodingTime(Duration value) {
            this.encodingTime = value;
            return this;
        }

        public Builder dailyVideos(int value) {
            this.dailyVideos = value;
            return this;
        }

        public Builder dailyVideoBytes(long value) {
            this.dailyVideoBytes = value;
            return this;
        }

        public Builder spoolDirectory(Path value) {
            this.spoolDirectory = value;
            return this;
        }

        public SandboxConfig build() {
            String secret = jwtSecret;
            if (secret == null) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                secret = HexFormat.of().formatHex(random);
            }
            return new SandboxConfig(host, port, clock, secret, accessTtl, refreshGrace, blobLimit, encodingTime,
                    dailyVideos, dailyVideoBytes, spoolDirectory);
        }
    }
}
