package dev.outpost.mastodonsandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a sandbox starts. Every setting has a default good for tests: loopback, a free port, the system clock, a stock
 * server's limits, video processing that takes two polls, the consent page shown.
 *
 * @param processingPolls polls of a processing video or GIF answered 206 before 200
 * @param autoApprove whether {@code /oauth/authorize} redirects back at once instead of showing the consent page
 * @param rateLimit requests per account (or address) in each {@code rateLimitWindow}; 0 for no limit
 * @param idempotencyMemory how long an {@code Idempotency-Key} is remembered (Mastodon: an hour)
 */
public record SandboxConfig(String host, int port, Clock clock, InstanceLimits limits, int processingPolls,
        boolean autoApprove, int rateLimit, Duration rateLimitWindow, Duration idempotencyMemory,
        Duration latency, List<FaultRule> faults, ExchangeObserver exchangeObserver) {
    public SandboxConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
        Objects.requireNonNull(idempotencyMemory, "idempotencyMemory");
        Objects.requireNonNull(latency, "latency");
        faults = List.copyOf(faults);
    }

    public static SandboxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SandboxConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Clock clock = Clock.systemUTC();
        private InstanceLimits limits = InstanceLimits.STOCK;
        private int processingPolls = 2;
        private boolean autoApprove;
        private int rateLimit = 300;
        private Duration rateLimitWindow = Duration.ofMinutes(5);
        private Duration idempotencyMemory = Duration.ofHours(1);
        private Duration latency = Duration.ZERO;
        private final List<FaultRule> faults = new ArrayList<>();
        private ExchangeObserver exchangeObserver;

        private Builder() {
        }

        public Builder host(String value) { this.host = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder clock(Clock value) { this.clock = value; return this; }
        public Builder limits(InstanceLimits value) { this.limits = value; return this; }
        public Builder processingPolls(int value) { this.processingPolls = value; return this; }
        public Builder autoApprove(boolean value) { this.autoApprove = value; return this; }
        public Builder rateLimit(int requests, Duration window) {
            this.rateLimit = requests;
            this.rateLimitWindow = window;
            return this;
        }
        public Builder idempotencyMemory(Duration value) { this.idempotencyMemory = value; return this; }
        public Builder latency(Duration value) { this.latency = value; return this; }
        public Builder fault(String spec) { this.faults.add(FaultRule.parse(spec)); return this; }
        public Builder exchangeObserver(ExchangeObserver value) { this.exchangeObserver = value; return this; }

        public SandboxConfig build() {
            return new SandboxConfig(host, port, clock, limits, processingPolls, autoApprove, rateLimit,
                    rateLimitWindow, idempotencyMemory, latency, faults, exchangeObserver);
        }
    }
}
