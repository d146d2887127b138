package dev.outpost.cli.render;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.cli.runtime.Output;

/**
 * Shows a run's progress on standard error the way the terminal can take it: bars on an interactive terminal,
 * plain lines when standard error goes to a file or a pipe, nothing with {@code --quiet}.
 */
public final class Progress implements ProgressListener, AutoCloseable {
    private final ProgressListener view;
    private final AutoCloseable closer;

    private Progress(ProgressListener view, AutoCloseable closer) {
        this.view = view;
        this.closer = closer;
    }

    /**
     * @param interactive whether standard error is a terminal that can redraw a line
     * @param severalPublications whether lines should say which publication they are about (a worker runs many)
     */
    public static Progress open(Output output, boolean interactive, boolean severalPublications) {
        if (output.options().quiet()) {
            return new Progress(ProgressListener.NONE, () -> { });
        }
        if (interactive && !severalPublications) {
            BarProgress bars = new BarProgress(output);
            return new Progress(bars, bars);
        }
        return new Progress(new LineProgress(output, severalPublications), () -> { });
    }

    @Override
    public void on(ProgressEvent event) {
        view.on(event);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception ignored) {
            // Closing a bar only redraws it one last time.
        }
    }
}
