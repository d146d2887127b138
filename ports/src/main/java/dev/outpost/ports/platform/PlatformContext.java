package dev.outpost.ports.platform;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a platform plugin's factories receive.
 *
 * @param settings configuration by key, such as {@code OUTPOST_X_CLIENT_ID}; it holds secrets, so it is never logged
 * @param clock the one source of time
 * @param vault the plugin's store of secrets (client registrations per server, …)
 */
public record PlatformContext(Map<String, String> settings, Clock clock, PlatformVault vault) {
    public PlatformContext {
        settings = Map.copyOf(settings);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(vault, "vault");
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    public String setting(String key, String fallback) {
        return setting(key).orElse(fallback);
    }

    @Override
    public String toString() {
        return "PlatformContext[keys=" + settings.keySet() + "]";
    }
}
