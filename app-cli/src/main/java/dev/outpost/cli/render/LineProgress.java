package dev.outpost.cli.render;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.cli.runtime.Output;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Progress as plain lines on standard error, for logs and pipes where a redrawn bar would be noise: one line when a
 * file starts, one per tenth of its bytes, one per processing step, one when it is ready.
 */
final class LineProgress implements ProgressListener {
    private final Output output;
    private final Function<PublicationId, String> label;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Integer> tenths = new HashMap<>();
    private final Map<String, Integer> percents = new HashMap<>();

    LineProgress(Output output, boolean namePublications) {
        this(output, namePublications ? id -> "[" + id + "]" : id -> null);
    }

    /** @param label what each line about a publication begins with; null for nothing */
    LineProgress(Output output, Function<PublicationId, String> label) {
        this.output = output;
        this.label = label;
    }

    @Override
    public synchronized void on(ProgressEvent event) {
        if (event instanceof ProgressEvent.UploadStarted started) {
            String key = key(started.publication().value(), started.mediaIndex());
            names.put(key, started.fileName());
            tenths.put(key, (int) (started.alreadySent() * 10 / Math.max(1, started.totalBytes())));
            String resuming = started.alreadySent() > 0 ? ", resuming after " + Bytes.human(started.alreadySent())
                    + " already sent" : "";
            note(started, started.fileName() + ": uploading " + Bytes.human(started.totalBytes()) + " in "
                    + started.parts() + (started.parts() == 1 ? " request" : " parts") + resuming);
        } else if (event instanceof ProgressEvent.BytesSent sent) {
            String key = key(sent.publication().value(), sent.mediaIndex());
            int tenth = (int) (sent.sentBytes() * 10 / Math.max(1, sent.totalBytes()));
            if (tenth > tenths.getOrDefault(key, 0) || sent.partsDone() == sent.parts()) {
                tenths.put(key, tenth);
                note(sent, name(key) + ": " + (sent.sentBytes() * 100 / Math.max(1, sent.totalBytes())) + "% ("
                        + Bytes.human(sent.sentBytes()) + " of " + Bytes.human(sent.totalBytes()) + ", "
                        + sent.partsDone() + "/" + sent.parts() + " parts)");
            }
        } else if (event instanceof ProgressEvent.Processing processing) {
            String key = key(processing.publication().value(), processing.mediaIndex());
            Integer before = percents.put(key, processing.percent());
            if (before == null || before != processing.percent()) {
                note(processing, name(key) + ": " + processing.state()
                        + (processing.percent() < 0 ? "" : " " + processing.percent() + "%"));
            }
        } else if (event instanceof ProgressEvent.MediaReady ready) {
            note(ready, name(key(ready.publication().value(), ready.mediaIndex())) + ": ready");
        } else if (event instanceof ProgressEvent.Retrying retrying) {
            note(retrying, "retrying to " + retrying.operation() + " in " + Durations.human(retrying.delay())
                    + " (attempt " + retrying.attempt() + "): " + retrying.reason());
        } else if (event instanceof ProgressEvent.StateChanged changed
                && changed.state() == PublicationState.PUBLISHING) {
            note(changed, "publishing the post");
        } else if (event instanceof ProgressEvent.Unconfirmed unconfirmed) {
            note(unconfirmed, "not confirmed yet: " + unconfirmed.reason());
        }
    }

    private void note(ProgressEvent event, String line) {
        String prefix = label.apply(event.publication());
        output.note(prefix == null ? line : prefix + " " + line);
    }

    private String name(String key) {
        return names.getOrDefault(key, "media");
    }

    private static String key(String publication, int index) {
        return publication + "#" + index;
    }
}
