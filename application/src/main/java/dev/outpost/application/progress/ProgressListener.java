package dev.outpost.application.progress;

/**
 * Receives progress events. Called on the publishing threads (several at once with parallel uploads), so
 * implementations are thread-safe and quick; an exception thrown here is swallowed so that rendering never breaks a
 * publication.
 */
@FunctionalInterface
public interface ProgressListener {
    void on(ProgressEvent event);

    ProgressListener NONE = event -> { };
}
