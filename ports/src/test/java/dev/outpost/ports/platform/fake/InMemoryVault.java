package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.PlatformVault;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PlatformVault} in memory, for tests; {@link #snapshot()} shows what a plugin kept. Thread-safe. */
public final class InMemoryVault implements PlatformVault {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public String putIfAbsent(String key, String value) {
        String before = values.putIfAbsent(key, value);
        return before == null ? value : before;
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    public Map<String, String> snapshot() {
        return Map.copyOf(values);
    }
}
