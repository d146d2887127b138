package dev.outpost.cli.render;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.cli.runtime.Output;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on the terminal's standard error: one per file for its bytes and parts, then one for the
 * platform's processing percent. Several files uploading at once get a bar each.
 */
final class BarProgress implements ProgressListener, AutoCloseable {
    private static final int MEBIBYTE = 1 << 20;
    private static final int NAME_WIDTH = 24;

    private final Output output;
    private final Map<Integer, ProgressBar> uploads = new HashMap<>();
    private final Map<Integer, ProgressBar> processing = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    BarProgress(Output output) {
        this.output = output;
    }

    @Override
    public synchronized void on(ProgressEvent event) {
        if (event instanceof ProgressEvent.UploadStarted started) {
            names.put(started.mediaIndex(), shorten(started.fileName()));
            close(uploads.remove(started.mediaIndex()));
            ProgressBar bar = new ProgressBarBuilder().setTaskName(names.get(started.mediaIndex()))
                    .setInitialMax(started.totalBytes()).setUnit("MiB", MEBIBYTE).showSpeed()
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK).startsFrom(started.alreadySent(), Duration.ZERO)
                    .build();
            bar.setExtraMessage(" 0/" + started.parts() + " parts");
            uploads.put(started.mediaIndex(), bar);
        } else if (event instanceof ProgressEvent.BytesSent sent) {
            ProgressBar bar = uploads.get(sent.mediaIndex());
            if (bar != null) {
                bar.stepTo(sent.sentBytes());
                bar.setExtraMessage(" " + sent.partsDone() + "/" + sent.parts() + " parts");
            }
        } else if (event instanceof ProgressEvent.Processing step) {
            close(uploads.remove(step.mediaIndex()));
            ProgressBar bar = processing.computeIfAbsent(step.mediaIndex(), index -> new ProgressBarBuilder()
                    .setTaskName(names.getOrDefault(index, "media") + " processing").setInitialMax(100)
                    .setUnit("%", 1).setStyle(ProgressBarStyle.UNICODE_BLOCK).hideEta().build());
            if (step.percent() >= 0) {
                bar.stepTo(step.percent());
            }
            bar.setExtraMessage(" " + step.state());
        } else if (event instanceof ProgressEvent.MediaReady ready) {
            ProgressBar bar = processing.remove(ready.mediaIndex());
            if (bar != null) {
                bar.stepTo(100);
            }
            close(bar);
            close(uploads.remove(ready.mediaIndex()));
        } else if (event instanceof ProgressEvent.Retrying retrying) {
            output.note("retrying to " + retrying.operation() + " in " + Durations.human(retrying.delay())
                    + " (attempt " + retrying.attempt() + "): " + retrying.reason());
        } else if (event instanceof ProgressEvent.Unconfirmed unconfirmed) {
            close();
            output.note("not confirmed yet: " + unconfirmed.reason());
        } else if (event instanceof ProgressEvent.Published || event instanceof ProgressEvent.Failed) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        uploads.values().forEach(BarProgress::close);
        processing.values().forEach(BarProgress::close);
        uploads.clear();
        processing.clear();
    }

    private static void close(ProgressBar bar) {
        if (bar != null) {
            bar.close();
        }
    }

    private static String shorten(String name) {
        return name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 1) + "…";
    }
}
