package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.UploadContext;

/**
 * The Bluesky-shaped plugin's media protocol: the file as one blob, nothing to resume and nothing processed; the
 * reference is {@code <content id> <type> <size>}, which the publisher embeds with the alt text. The blob's lifetime is
 * unknown (collected when no record names it for a while), so the reference has no expiry: the post says
 * {@link dev.outpost.ports.platform.PlatformException.MediaExpired} when it is gone.
 */
final class BlueskyShapedTransport implements MediaTransport {
    private final BlueskyShapedPlatform platform;

    BlueskyShapedTransport(BlueskyShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        MediaFile file = upload.file();
        upload.started(1, 0);
        byte[] bytes = FakePlatform.read(file, 0, file.size());
        BlueskyShapedPlatform.Blob blob = upload.call("upload blob", true, a -> platform.uploadBlob(a.credentials(),
                file.type(), bytes));
        upload.acknowledged(file.size(), 1, 1);
        return new MediaRef(blob.cid() + " " + blob.mimeType() + " " + blob.size(), null);
    }
}
