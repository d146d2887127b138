package dev.outpost.ports.platform;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;

/**
 * Moves media bytes to a platform: in one request, or in segments (initialize, append each, finalize), then the
 * processing status. Thread-safe; one call is one request (no retries inside: the core decides). Bytes are read
 * from the file when sent, one segment at a time, so memory stays bounded whatever the file size.
 *
 * <p>Every method throws a {@link PlatformException} when the platform refuses or cannot be reached;
 * {@link PlatformException.PayloadTooLarge} from {@link #append} means the segment must be split.
 */
public interface MediaTransport {
    /** Whether the platform takes appends of one upload concurrently and out of order. */
    boolean acceptsConcurrentAppends();

    /** Whether files of this size and type should go in one request rather than in segments. */
    boolean prefersSingleRequest(MediaFile file);

    /** Uploads the whole file in one request. */
    UploadResult upload(String accessToken, MediaFile file, TransferListener listener);

    /** Announces a segmented upload of {@code file}; returns the media id segments are appended to. */
    RemoteMedia initialize(String accessToken, MediaFile file);

    /** Sends one segment, reading its bytes from {@code file} at the segment's offset. */
    void append(String accessToken, String mediaId, Segment segment, MediaFile file, TransferListener listener);

    /** Asks the platform to assemble the appended segments. */
    ProcessingStatus finalizeUpload(String accessToken, String mediaId);

    /** Asks where processing stands. Callers wait at least the previous status's {@code checkAfter} first. */
    ProcessingStatus status(String accessToken, String mediaId);

    /** Sets the alt text of uploaded media. */
    void describe(String accessToken, String mediaId, String altText);
}
