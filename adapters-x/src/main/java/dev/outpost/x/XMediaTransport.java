package dev.outpost.x;

import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.UploadContext;
import java.time.Clock;

/**
 * X's v2 media upload: images in one multipart request (X's simple upload); videos and GIFs through INIT, APPEND
 * (up to the context's parallelism in flight when {@code OUTPOST_X_CONCURRENT_APPENDS} allows), FINALIZE and STATUS;
 * the alt text through X's metadata endpoint. Each upload is an {@link UploadRun}; the transport keeps no state
 * between uploads. Thread-safe.
 */
final class XMediaTransport implements MediaTransport {
    private final XMediaRequests requests;
    private final Clock clock;
    private final long chunkSize;
    private final boolean concurrentAppends;

    XMediaTransport(XFeign feign, Clock clock) {
        this.requests = new XMediaRequests(feign, clock);
        this.clock = clock;
        this.chunkSize = feign.settings().chunkSize();
        this.concurrentAppends = feign.settings().concurrentAppends();
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        return new UploadRun(requests, upload, clock, chunkSize, concurrentAppends).run();
    }

    /** Bytes per APPEND at the start of an upload (X's 413s may shrink it). */
    long chunkSize() {
        return chunkSize;
    }

    boolean concurrentAppends() {
        return concurrentAppends;
    }
}
