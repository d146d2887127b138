package dev.outpost.application.boot;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Outpost's configuration: {@code OUTPOST_*} environment variables, over the same keys in
 * {@code <data directory>/config.properties}. The data directory is {@code OUTPOST_HOME}, else {@code ~/.outpost}.
 * Values include secrets: {@link #toString()} shows only the keys.
 */
public final class OutpostConfig {
    public static final String HOME = "OUTPOST_HOME";
    public static final String STORAGE = "OUTPOST_STORAGE";
    public static final String CONFIG_FILE = "config.properties";
    /** The embedded database in the data directory, for any number of processes on one machine. */
    public static final String DEFAULT_STORAGE = "sqlite";

    private final Path dataDirectory;
    private final Map<String, String> values;

    private OutpostConfig(Path dataDirectory, Map<String, String> values) {
        this.dataDirectory = dataDirectory;
        this.values = Map.copyOf(values);
    }

    /**
     * Reads the configuration.
     *
     * @param environment usually {@code System.getenv()}
     * @param userHome usually the {@code user.home} system property
     * @throws IllegalArgumentException naming the file when the config file cannot be read
     */
    public static OutpostConfig load(Map<String, String> environment, Path userHome) {
        String home = environment.get(HOME);
        Path dataDirectory = home == null || home.isBlank() ? userHome.resolve(".outpost") : Path.of(home);
        Map<String, String> values = new TreeMap<>();
        Path file = dataDirectory.resolve(CONFIG_FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read the configuration file " + file + " ("
                        + e.getMessage() + "); fix or remove it", e);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("OUTPOST_")) {
                values.put(key, value);
            }
        });
        values.put(HOME, dataDirectory.toString());
        return new OutpostConfig(dataDirectory, values);
    }

    /** A configuration from explicit values, for tests and embedded use. */
    public static OutpostConfig of(Path dataDirectory, Map<String, String> values) {
        Map<String, String> all = new TreeMap<>(values);
        all.put(HOME, dataDirectory.toString());
        return new OutpostConfig(dataDirectory, all);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Every setting by key (secrets included: never log it). */
    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** The storage plugin's id: {@code OUTPOST_STORAGE}, {@link #DEFAULT_STORAGE} by default. */
    public String storageId() {
        return get(STORAGE, DEFAULT_STORAGE);
    }

    /** A copy with more values (they win over these). */
    public OutpostConfig with(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(values);
        all.putAll(more);
        return new OutpostConfig(dataDirectory, all);
    }

    @Override
    public String toString() {
        return "OutpostConfig[dataDirectory=" + dataDirectory + ", keys=" + values.keySet() + "]";
    }
}
