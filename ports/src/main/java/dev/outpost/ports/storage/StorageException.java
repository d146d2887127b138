package dev.outpost.ports.storage;

/** The storage could not do its job (unreachable, corrupt, wrong key). The message is meant for the user. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
