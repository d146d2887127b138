package dev.outpost.web;

import dev.outpost.application.progress.ProgressEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Progress events as the event stream sends them: the SSE event name, and flat JSON data. */
final class EventJson {
    private EventJson() {
    }

    static String name(ProgressEvent event) {
        return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String name(ProgressHub.Stamped stamped) {
        return name(stamped.event());
    }

    /** The event's fields, and {@code at}: when it happened. */
    static Map<String, Object> data(ProgressHub.Stamped stamped) {
        ProgressEvent event = stamped.event();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("publication", event.publication().value());
        data.put("at", stamped.at().toString());
        if (event instanceof ProgressEvent.StateChanged e) {
            data.put("state", PublicationViews.stateName(e.state()));
        } else if (event instanceof ProgressEvent.UploadStarted e) {
            data.put("mediaIndex", e.mediaIndex());
            data.put("totalBytes", e.totalBytes());
            data.put("parts", e.parts());
            data.put("alreadySent", e.alreadySent());
        } else if (event instanceof ProgressEvent.BytesSent e) {
            data.put("mediaIndex", e.mediaIndex());
            data.put("sentBytes", e.sentBytes());
            data.put("totalBytes", e.totalBytes());
            data.put("partsDone", e.partsDone());
            data.put("parts", e.parts());
        } else if (event instanceof ProgressEvent.Retrying e) {
            data.put("mediaIndex", e.mediaIndex());
            data.put("operation", e.operation());
            data.put("attempt", e.attempt());
            data.put("delayMillis", e.delay().toMillis());
            data.put("reason", e.reason());
        } else if (event instanceof ProgressEvent.Processing e) {
            data.put("mediaIndex", e.mediaIndex());
            data.put("processingState", e.state());
            data.put("percent", e.percent());
        } else if (event instanceof ProgressEvent.MediaReady e) {
            data.put("mediaIndex", e.mediaIndex());
        } else if (event instanceof ProgressEvent.Published e) {
            data.put("postId", e.postId());
            data.put("url", e.url() == null ? null : e.url().toString());
        } else if (event instanceof ProgressEvent.Unconfirmed e) {
            data.put("reason", e.reason());
            data.put("explanation", PublicationViews.UNCONFIRMED_EXPLAINED);
        } else if (event instanceof ProgressEvent.Failed e) {
            data.put("reason", e.reason());
        }
        return data;
    }
}
