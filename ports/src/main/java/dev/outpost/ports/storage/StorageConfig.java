package dev.outpost.ports.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a storage plugin is opened with.
 *
 * @param dataDirectory Outpost's home ({@code ~/.outpost} unless {@code OUTPOST_HOME} says otherwise)
 * @param settings configuration by key (such as {@code OUTPOST_JDBC_URL}, {@code OUTPOST_SECRET_KEY}); secrets
 *     included, so never log it
 * @param clock the one source of time
 */
public record StorageConfig(Path dataDirectory, Map<String, String> settings, Clock clock) {
    public StorageConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(clock, "clock");
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "StorageConfig[dataDirectory=" + dataDirectory + ", keys=" + settings.keySet() + "]";
    }
}
