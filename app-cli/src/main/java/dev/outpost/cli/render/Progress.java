package dev.outpost.cli.render;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.PublicationId;
import java.util.function.Function;

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

    /**
     * Plain lines whatever the terminal (several publications run at once, so bars would fight), each beginning with
     * the publication's label, such as {@code @alice (Bluesky) post 3/5:}; nothing with {@code --quiet}.
     */
    public static Progress labelled(Output output, Function<PublicationId, String> label) {
        if (output.options().quiet()) {
            return new Progress(ProgressListener.NONE, () -> { });
        }
        return new Progress(new LineProgress(output, label), () -> { });
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
