package dev.outpost.application;

import dev.outpost.domain.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How uploads behave.
 *
 * @param appendParallelism segments of one upload in flight at once, where the platform allows it (1 = sequential)
 * @param imageParallelism images of one post uploaded at once
 * @param processingDeadline how long to wait for the platform to process a video or GIF
 * @param rateLimitPatience how long a rate limit may be waited out before giving up with "rate-limited until T"
 * @param minimumPollInterval the shortest wait between two status polls when the platform asks for none
 * @param retryPolicy backoff and bounds for transient failures
 */
public record UploadSettings(int appendParallelism, int imageParallelism, Duration processingDeadline,
        Duration rateLimitPatience, Duration minimumPollInterval, RetryPolicy retryPolicy) {
    public static final UploadSettings DEFAULT = new UploadSettings(1, 4, Duration.ofMinutes(30),
            Duration.ofMinutes(15), Duration.ofSeconds(1), RetryPolicy.DEFAULT);

    public UploadSettings {
        if (appendParallelism < 1 || appendParallelism > 16) {
            throw new IllegalArgumentException("appendParallelism must be 1 to 16: " + appendParallelism);
        }
        if (imageParallelism < 1 || imageParallelism > 16) {
            throw new IllegalArgumentException("imageParallelism must be 1 to 16: " + imageParallelism);
        }
        Objects.requireNonNull(processingDeadline, "processingDeadline");
        Objects.requireNonNull(rateLimitPatience, "rateLimitPatience");
        Objects.requireNonNull(minimumPollInterval, "minimumPollInterval");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    public UploadSettings withAppendParallelism(int parallelism) {
        return new UploadSettings(parallelism, imageParallelism, processingDeadline, rateLimitPatience,
                minimumPollInterval, retryPolicy);
    }

    public UploadSettings withProcessingDeadline(Duration deadline) {
        return new UploadSettings(appendParallelism, imageParallelism, deadline, rateLimitPatience,
                minimumPollInterval, retryPolicy);
    }

    public UploadSettings withRetryPolicy(RetryPolicy policy) {
        return new UploadSettings(appendParallelism, imageParallelism, processingDeadline, rateLimitPatience,
                minimumPollInterval, policy);
    }
}
