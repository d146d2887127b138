package dev.outpost.ports.platform;

/** Told how many bytes of a request body went out, as they go; called on the uploading thread, must be quick. */
@FunctionalInterface
public interface TransferListener {
    void bytesSent(long count);

    TransferListener NONE = count -> { };
}
