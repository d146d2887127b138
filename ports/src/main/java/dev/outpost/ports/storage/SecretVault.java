package dev.outpost.ports.storage;

import java.util.Optional;

/**
 * Small secrets of the platform plugins, by plugin id and key, encrypted at rest where persisted and shared by every
 * instance using the same storage. Thread-safe.
 */
public interface SecretVault {
    Optional<String> get(String platformId, String key);

    /** @return the value now stored: {@code value}, or the one another writer stored first */
    String putIfAbsent(String platformId, String key, String value);

    /** Replaces or stores. */
    void put(String platformId, String key, String value);

    void delete(String platformId, String key);
}
