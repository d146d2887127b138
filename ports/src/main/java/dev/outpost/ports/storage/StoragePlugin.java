package dev.outpost.ports.storage;

/**
 * A storage technology, found through {@link java.util.ServiceLoader}. Implementations are public final classes
 * with a public no-argument constructor, listed in {@code META-INF/services/dev.outpost.ports.storage.StoragePlugin}.
 */
public interface StoragePlugin {
    /** A short, unique, lower-case id such as {@code h2} or {@code postgres}, chosen by {@code OUTPOST_STORAGE}. */
    String id();

    /**
     * Opens (creating or migrating as needed) the stores.
     *
     * @throws StorageException with a message for the user when the database cannot be opened or the key is wrong
     */
    Stores open(StorageConfig config);
}
