package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SecretVault;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SecretVault} in a map, for tests of the core. Thread-safe; putIfAbsent is atomic. */
public final class InMemorySecretVault implements SecretVault {
    private record Name(String platformId, String key) {
        Name {
            Objects.requireNonNull(platformId, "platformId");
            Objects.requireNonNull(key, "key");
        }
    }

    private final Map<Name, String> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String platformId, String key) {
        return Optional.ofNullable(secrets.get(new Name(platformId, key)));
    }

    @Override
    public String putIfAbsent(String platformId, String key, String value) {
        String before = secrets.putIfAbsent(new Name(platformId, key), Objects.requireNonNull(value, "value"));
        return before == null ? value : before;
    }

    @Override
    public void put(String platformId, String key, String value) {
        secrets.put(new Name(platformId, key), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void delete(String platformId, String key) {
        secrets.remove(new Name(platformId, key));
    }
}
