package dev.outpost.ports.platform;

import java.util.Optional;

/**
 * A small store of secrets for one plugin, shared by every process using the same storage and encrypted at rest: a
 * client registered once per server, with its secret, for instance. Keys are the plugin's own. Thread-safe.
 */
public interface PlatformVault {
    Optional<String> get(String key);

    /**
     * Stores {@code value} under {@code key} unless a value is there already.
     *
     * @return the value now stored: {@code value}, or the one another process stored first
     */
    String putIfAbsent(String key, String value);

    /** Replaces or stores {@code value} under {@code key}. */
    void put(String key, String value);

    void delete(String key);
}
