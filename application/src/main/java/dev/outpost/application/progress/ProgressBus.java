package dev.outpost.application.progress;

import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers each event to every subscribed listener; a listener that throws does not disturb the others. */
public final class ProgressBus implements ProgressListener {
    private final CopyOnWriteArrayList<ProgressListener> listeners = new CopyOnWriteArrayList<>();

    /** @return a handle that unsubscribes */
    public AutoCloseable subscribe(ProgressListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void on(ProgressEvent event) {
        for (ProgressListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException ignored) {
                // Rendering progress must never break a publication.
            }
        }
    }
}
