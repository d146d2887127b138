package dev.outpost.domain.upload;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.MediaFile;
import java.time.Instant;
import java.util.Objects;

/**
 * What the journal keeps of one upload in flight, so that a run that dies continues where it stopped: the platform
 * plugin's own resume state, opaque to the core (a media id and the parts the platform acknowledged, a job id), tied
 * to the file's fingerprint. A checkpoint is only ever resumed for a file with the same hashed fingerprint.
 *
 * @param id Outpost's id of the upload
 * @param account whose media it becomes
 * @param file the file as inspected when the upload began
 * @param phase where the upload stands, for people and for resuming
 * @param state the plugin's resume state while uploading or processing; the media reference once ready
 * @param bytesAcknowledged how many bytes the platform has confirmed, for progress
 * @param expiresAt after this the state is useless and the upload starts over; null when it does not expire
 */
public record UploadCheckpoint(UploadId id, AccountId account, MediaFile file, Phase phase, String state,
        long bytesAcknowledged, Instant expiresAt) {
    /** Where an upload stands. */
    public enum Phase {
        /** Bytes are being sent. */
        UPLOADING,
        /** Every byte was sent; the platform is processing the media. */
        PROCESSING,
        /** The platform can attach the media to a post; {@code state} is its reference. */
        READY
    }

    public UploadCheckpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(state, "state");
        if (bytesAcknowledged < 0 || bytesAcknowledged > file.size()) {
            throw new IllegalArgumentException("bytesAcknowledged must be 0 to " + file.size() + ": "
                    + bytesAcknowledged);
        }
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether this checkpoint may be continued for {@code current}, the file as it is now. */
    public boolean continuesWith(MediaFile current) {
        return current.fingerprint().hashed() && file.fingerprint().equals(current.fingerprint());
    }
}
