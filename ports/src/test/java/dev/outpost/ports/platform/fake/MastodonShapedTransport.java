package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Mastodon-shaped plugin's media protocol: the whole file and its alt text in one request; when the platform
 * answers "processing", the media id is journaled and polled with the core's backoff (the platform gives no hint)
 * until ready; a run that died while polling polls the same media id, or uploads again if it is gone. A checkpoint's
 * state is the media id.
 */
final class MastodonShapedTransport implements MediaTransport {
    /** Unattached media is deleted after a day; count on less. */
    static final Duration USABLE_FOR = Duration.ofHours(20);

    private final MastodonShapedPlatform platform;
    private final Clock clock;

    MastodonShapedTransport(MastodonShapedPlatform platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        MediaFile file = upload.file();
        if (upload.resumed().isPresent()) {
            UploadCheckpoint checkpoint = upload.resumed().get();
            upload.started(1, file.size());
            try {
                return await(upload, checkpoint.state(), checkpoint.expiresAt(), false);
            } catch (PlatformException.InvalidRequest e) {
                if (!"not-found".equals(e.code()) && !e.getMessage().contains("Record not found")) {
                    throw e;
                }
                // The media is gone: upload it again.
            }
        }
        upload.started(1, 0);
        byte[] bytes = FakePlatform.read(file, 0, file.size());
        Instant expiresAt = clock.instant().plus(USABLE_FOR);
        MastodonShapedPlatform.Uploaded uploaded = upload.call("upload", true, a -> platform.uploadMedia(
                a.account().server(), a.accessToken(), file.type(), bytes, upload.altText()));
        upload.acknowledged(file.size(), 1, 1);
        if (uploaded.ready()) {
            return new MediaRef(uploaded.mediaId(), expiresAt);
        }
        upload.checkpoint(UploadCheckpoint.Phase.PROCESSING, uploaded.mediaId(), file.size(), expiresAt);
        return await(upload, uploaded.mediaId(), expiresAt, true);
    }

    private MediaRef await(UploadContext upload, String mediaId, Instant expiresAt, boolean waitFirst) {
        boolean wait = waitFirst;
        while (true) {
            if (wait) {
                upload.awaitProcessing(null, -1);
            }
            wait = true;
            try {
                boolean ready = upload.call("status", true, a -> platform.mediaStatus(a.account().server(),
                        a.accessToken(), mediaId));
                if (ready) {
                    upload.acknowledged(upload.file().size(), 1, 1);
                    return new MediaRef(mediaId, expiresAt);
                }
            } catch (PlatformException.InvalidRequest e) {
                if (e.getMessage().startsWith("Validation failed")) {
                    throw new PlatformException.InvalidRequest("processing-failed", upload.file().displayName()
                            + " could not be processed: " + e.getMessage());
                }
                throw e;
            }
        }
    }
}
