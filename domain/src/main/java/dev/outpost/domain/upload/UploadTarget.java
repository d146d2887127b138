package dev.outpost.domain.upload;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.MediaFile;
import java.util.Objects;

/**
 * What one upload sends, where: a file to one account of one platform.
 *
 * @param id Outpost's id of this upload
 * @param account whose media it becomes
 * @param file the inspected local file
 */
public record UploadTarget(UploadId id, AccountId account, MediaFile file) {
    public UploadTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(file, "file");
    }
}
