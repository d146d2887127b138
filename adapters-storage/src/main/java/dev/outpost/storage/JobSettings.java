package dev.outpost.storage;

import dev.outpost.ports.storage.StorageConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How the job queue polls, read from the settings (ISO-8601 durations such as {@code PT5S}).
 *
 * @param pollInterval how often each instance looks for due jobs ({@code OUTPOST_JOB_POLL_INTERVAL})
 * @param heartbeatInterval how often a running job says it is alive; a job silent for four intervals is run again
 *     ({@code OUTPOST_JOB_HEARTBEAT_INTERVAL})
 * @param retryDelay how long after a failed run it is tried again ({@code OUTPOST_JOB_RETRY_DELAY})
 * @param threads how many jobs one instance runs at once ({@code OUTPOST_JOB_THREADS})
 */
record JobSettings(Duration pollInterval, Duration heartbeatInterval, Duration retryDelay, int threads) {
    static final String POLL_INTERVAL = "OUTPOST_JOB_POLL_INTERVAL";
    static final String HEARTBEAT_INTERVAL = "OUTPOST_JOB_HEARTBEAT_INTERVAL";
    static final String RETRY_DELAY = "OUTPOST_JOB_RETRY_DELAY";
    static final String THREADS = "OUTPOST_JOB_THREADS";

    JobSettings {
        positive(pollInterval, POLL_INTERVAL);
        positive(heartbeatInterval, HEARTBEAT_INTERVAL);
        positive(retryDelay, RETRY_DELAY);
        if (threads < 1) {
            throw new IllegalArgumentException(THREADS + " must be at least 1, not " + threads);
        }
    }

    static JobSettings from(StorageConfig config) {
        return new JobSettings(duration(config, POLL_INTERVAL, Duration.ofSeconds(5)),
                duration(config, HEARTBEAT_INTERVAL, Duration.ofSeconds(30)),
                duration(config, RETRY_DELAY, Duration.ofMinutes(1)),
                config.setting(THREADS).map(v -> StorageSettings.integer(THREADS, v)).orElse(2));
    }

    private static Duration duration(StorageConfig config, String key, Duration fallback) {
        return config.setting(key).map(v -> {
            try {
                return Duration.parse(v.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT5S, not '" + v
                        + "'");
            }
        }).orElse(fallback);
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + d);
        }
    }
}
