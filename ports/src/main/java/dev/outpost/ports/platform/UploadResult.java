package dev.outpost.ports.platform;

import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import java.util.Objects;

/**
 * What the platform answered to a finished upload: the media's handle and whether it still has to be processed.
 */
public record UploadResult(RemoteMedia media, ProcessingStatus status) {
    public UploadResult {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(status, "status");
    }
}
