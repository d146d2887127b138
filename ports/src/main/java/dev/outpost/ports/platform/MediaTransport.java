package dev.outpost.ports.platform;

/**
 * Moves one file to a platform by the platform's own protocol (one request, parts, a separate service with jobs) and
 * waits until a post can attach it. Everything every platform needs (credentials, retries, waits, progress, the
 * journal) comes from the {@link UploadContext}; the transport keeps no state between uploads.
 *
 * <p>Thread-safe: several uploads run at once. Bytes are read from the file as they are sent, so memory stays bounded
 * whatever the file's size.
 */
public interface MediaTransport {
    /**
     * Uploads {@code upload.file()}, continuing from {@code upload.resumed()} when there is a checkpoint, and returns
     * once the platform can attach the media to a post.
     *
     * @throws PlatformException when the platform refuses the file ({@link PlatformException.InvalidRequest},
     *     {@link PlatformException.PayloadTooLarge}) or processing failed ({@link PlatformException.InvalidRequest}
     *     with the platform's message)
     */
    MediaRef upload(UploadContext upload);
}
