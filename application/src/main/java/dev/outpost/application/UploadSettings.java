package dev.outpost.application;

import dev.outpost.domain.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How uploads behave.
 *
 * @param appendParallelism parts of one upload in flight at once, where the platform allows it (1 = sequential)
 * @param imageParallelism images of one post uploaded at once
 * @param processingDeadline how long to wait for the platform to process an upload
 * @param rateLimitPatience how long a rate limit may be waited out before giving up with "rate-limited until T"
 * @param minimumPollInterval the shortest wait between two processing polls, whatever the platform asks
 * @param maximumPollInterval the longest wait between two processing polls when the platform gives no hint
 * @param retryPolicy backoff and bounds for transient failures
 */
public record UploadSettings(int appendParallelism, int imageParallelism, Duration processingDeadline,
        Duration rateLimitPatience, Duration minimumPollInterval, Duration maximumPollInterval,
        RetryPolicy retryPolicy) {
    /** Four parts in flight: on a link with 20 ms of latency that halves a video's upload time (bench/). */
    public static final UploadSettings DEFAULT = new UploadSettings(4, 4, Duration.ofMinutes(30),
            Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(15), RetryPolicy.DEFAULT);
    public static final String PARALLELISM = "OUTPOST_APPEND_PARALLELISM";
    public static final String PROCESSING_DEADLINE_MINUTES = "OUTPOST_PROCESSING_DEADLINE_MINUTES";

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
        Objects.requireNonNull(maximumPollInterval, "maximumPollInterval");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /**
     * The defaults, changed by {@value #PARALLELISM} (1 to 16) and {@value #PROCESSING_DEADLINE_MINUTES}.
     *
     * @throws IllegalArgumentException naming the key when a value is not a number in range
     */
    public static UploadSettings fromSettings(java.util.Map<String, String> settings) {
        UploadSettings out = DEFAULT;
        String parallelism = settings.get(PARALLELISM);
        if (parallelism != null && !parallelism.isBlank()) {
            out = out.withAppendParallelism(number(PARALLELISM, parallelism, 1, 16));
        }
        String deadline = settings.get(PROCESSING_DEADLINE_MINUTES);
        if (deadline != null && !deadline.isBlank()) {
            out = out.withProcessingDeadline(Duration.ofMinutes(number(PROCESSING_DEADLINE_MINUTES, deadline, 1,
                    24 * 60)));
        }
        return out;
    }

    private static int number(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the range.
        }
        throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    public UploadSettings withAppendParallelism(int parallelism) {
        return new UploadSettings(parallelism, imageParallelism, processingDeadline, rateLimitPatience,
                minimumPollInterval, maximumPollInterval, retryPolicy);
    }

    public UploadSettings withProcessingDeadline(Duration deadline) {
        return new UploadSettings(appendParallelism, imageParallelism, deadline, rateLimitPatience,
                minimumPollInterval, maximumPollInterval, retryPolicy);
    }

    public UploadSettings withRetryPolicy(RetryPolicy policy) {
        return new UploadSettings(appendParallelism, imageParallelism, processingDeadline, rateLimitPatience,
                minimumPollInterval, maximumPollInterval, policy);
    }
}
