package dev.outpost.xsandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sandbox behaves. Everything FACTS.md marks uncertain is a setting here, with X's most
 * likely behaviour as the default. Build one with {@link #builder()}; {@link #defaults()} is
 * what {@code java -jar x-sandbox.jar} runs with.
 */
public record SandboxConfig(
        String host,
        int port,
        Clock clock,
        SandboxClient defaultClient,
        SandboxUser defaultUser,
        boolean autoApprove,
        Duration accessTokenTtl,
        Duration authorizationCodeTtl,
        String reusedRefreshTokenError,
        Duration mediaTtl,
        Duration amplifyMediaTtl,
        long maxSegmentBytes,
        Duration processingDuration,
        int checkAfterSecs,
        boolean rejectEarlyStatusPolls,
        boolean appendAnswersNoContent,
        boolean appendMediaLinkToText,
        String problemTypeHost,
        String editHistoryField,
        Map<Endpoint, RateLimit> rateLimits,
        Path spoolDirectory,
        List<FaultRule> faultRules,
        Duration latency,
        long bandwidthBytesPerSecond,
        int failProcessingCount,
        ExchangeObserver exchangeObserver) {

    public static final String DEFAULT_CLIENT_ID = "outpost-sandbox-client";
    public static final String DEFAULT_CLIENT_SECRET = "outpost-sandbox-secret";
    public static final String DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback";

    public SandboxConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(defaultClient, "defaultClient");
        Objects.requireNonNull(defaultUser, "defaultUser");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (checkAfterSecs < 1) {
            // twitter-api-v2 returns at once when check_after_secs is 0 (FACTS §7)
            throw new IllegalArgumentException("checkAfterSecs must be at least 1");
        }
        if (maxSegmentBytes < 1) {
            throw new IllegalArgumentException("maxSegmentBytes must be positive");
        }
        if (!reusedRefreshTokenError.equals("invalid_request") && !reusedRefreshTokenError.equals("invalid_grant")) {
            throw new IllegalArgumentException("reusedRefreshTokenError must be invalid_request or invalid_grant");
        }
        rateLimits = Map.copyOf(rateLimits);
        faultRules = List.copyOf(faultRules);
    }

    public static SandboxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The per-user limit of an endpoint: the configured one, else X's published one. */
    RateLimit rateLimit(Endpoint endpoint) {
        return rateLimits.getOrDefault(endpoint,
                new RateLimit(endpoint.defaultLimitPer15Minutes(), Duration.ofMinutes(15)));
    }

    /** A rate-limit window: at most {@code limit} calls per {@code window} and user. */
    public record RateLimit(int limit, Duration window) {
        public RateLimit {
            if (limit < 0 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("limit must be >= 0 and the window positive");
            }
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Clock clock = Clock.systemUTC();
        private SandboxClient defaultClient =
                new SandboxClient(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, List.of(DEFAULT_REDIRECT_URI));
        private SandboxUser defaultUser = SandboxUser.DEFAULT;
        private boolean autoApprove = false;
        private Duration accessTokenTtl = Duration.ofHours(2);
        private Duration authorizationCodeTtl = Duration.ofSeconds(30);
        private String reusedRefreshTokenError = "invalid_request";
        private Duration mediaTtl = Duration.ofHours(24);
        private Duration amplifyMediaTtl = Duration.ofSeconds(1_296_000);
        // Under the 5 MiB segments seen refused by X (FACTS.md), above the 4.5 MiB Outpost and other clients send.
        private long maxSegmentBytes = 5_000_000L;
        private Duration processingDuration = Duration.ofSeconds(3);
        private int checkAfterSecs = 1;
        private boolean rejectEarlyStatusPolls = true;
        private boolean appendAnswersNoContent = true;
        private boolean appendMediaLinkToText = true;
        private String problemTypeHost = "https://api.twitter.com";
        private String editHistoryField = "edit_history_tweet_ids";
        private final Map<Endpoint, RateLimit> rateLimits = new EnumMap<>(Endpoint.class);
        private Path spoolDirectory = null;
        private final List<FaultRule> faultRules = new ArrayList<>();
        private Duration latency = Duration.ZERO;
        private long bandwidthBytesPerSecond = 0;
        private int failProcessingCount = 0;
        private ExchangeObserver exchangeObserver = null;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder clock(Clock clock) { this.clock = clock; return this; }
        public Builder defaultClient(SandboxClient client) { this.defaultClient = client; return this; }
        public Builder defaultUser(SandboxUser user) { this.defaultUser = user; return this; }
        /** Skip the consent page: {@code /i/oauth2/authorize} redirects back at once as if Authorize was clicked. */
        public Builder autoApprove(boolean autoApprove) { this.autoApprove = autoApprove; return this; }
        public Builder accessTokenTtl(Duration ttl) { this.accessTokenTtl = ttl; return this; }
        public Builder authorizationCodeTtl(Duration ttl) { this.authorizationCodeTtl = ttl; return this; }
        /** X does not document it (FACTS §4 [U]): {@code invalid_request} (most reports) or {@code invalid_grant}. */
        public Builder reusedRefreshTokenError(String error) { this.reusedRefreshTokenError = error; return this; }
        public Builder mediaTtl(Duration ttl) { this.mediaTtl = ttl; return this; }
        public Builder amplifyMediaTtl(Duration ttl) { this.amplifyMediaTtl = ttl; return this; }
        /** X documents no per-segment limit; 5 MB segments were seen to get 413 (FACTS §3). */
        public Builder maxSegmentBytes(long bytes) { this.maxSegmentBytes = bytes; return this; }
        public Builder processingDuration(Duration duration) { this.processingDuration = duration; return this; }
        public Builder checkAfterSecs(int secs) { this.checkAfterSecs = secs; return this; }
        /** Answer 429 to a STATUS poll that comes before the {@code check_after_secs} last given. */
        public Builder rejectEarlyStatusPolls(boolean reject) { this.rejectEarlyStatusPolls = reject; return this; }
        /** true: APPEND answers 204 with no body (seen live); false: 200 {@code {"data":{"expires_at":…}}} (the spec). */
        public Builder appendAnswersNoContent(boolean noContent) { this.appendAnswersNoContent = noContent; return this; }
        /** Append a t.co link to the text of a post with media, as X does in its answer (FACTS §5). */
        public Builder appendMediaLinkToText(boolean append) { this.appendMediaLinkToText = append; return this; }
        public Builder problemTypeHost(String host) { this.problemTypeHost = host; return this; }
        /** {@code edit_history_tweet_ids} (live X, clients) or {@code edit_history_post_ids} (spec v2.167). */
        public Builder editHistoryField(String field) { this.editHistoryField = field; return this; }
        public Builder rateLimit(Endpoint endpoint, int limit, Duration window) {
            rateLimits.put(endpoint, new RateLimit(limit, window));
            return this;
        }
        /** Where appended segments are spooled until FINALIZE hashes them; null means a fresh temp directory. */
        public Builder spoolDirectory(Path dir) { this.spoolDirectory = dir; return this; }
        public Builder fault(FaultRule rule) { this.faultRules.add(rule); return this; }
        public Builder fault(String spec) { return fault(FaultRule.parse(spec)); }
        public Builder latency(Duration latency) { this.latency = latency; return this; }
        public Builder bandwidthBytesPerSecond(long bytesPerSecond) { this.bandwidthBytesPerSecond = bytesPerSecond; return this; }
        public Builder failProcessing(int count) { this.failProcessingCount = count; return this; }
        /** Sees every request and response (tokens masked), e.g. to validate them against the OpenAPI spec. */
        public Builder exchangeObserver(ExchangeObserver observer) { this.exchangeObserver = observer; return this; }

        public SandboxConfig build() {
            return new SandboxConfig(host, port, clock, defaultClient, defaultUser, autoApprove, accessTokenTtl,
                    authorizationCodeTtl, reusedRefreshTokenError, mediaTtl, amplifyMediaTtl, maxSegmentBytes,
                    processingDuration, checkAfterSecs, rejectEarlyStatusPolls, appendAnswersNoContent,
                    appendMediaLinkToText, problemTypeHost, editHistoryField, rateLimits, spoolDirectory, faultRules,
                    latency, bandwidthBytesPerSecond, failProcessingCount, exchangeObserver);
        }
    }
}
