package dev.outpost.application;

import dev.outpost.application.progress.ProgressListener;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.storage.UploadJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Uploads one file on its own, without a post: checked against the account's rules first, never resumed. */
public final class UploadMedia {
    private final Platforms platforms;
    private final MediaUploader uploader;
    private final UploadJournal journal;
    private final MediaInspector inspector;
    private final Clock clock;

    UploadMedia(Platforms platforms, MediaUploader uploader, UploadJournal journal, MediaInspector inspector,
            Clock clock) {
        this.platforms = platforms;
        this.uploader = uploader;
        this.journal = journal;
        this.inspector = inspector;
        this.clock = clock;
    }

    /**
     * What was uploaded.
     *
     * @param account whose media it is
     * @param file the file as inspected
     * @param reference what the platform calls it (a media id)
     * @param expiresAt when the platform forgets it unless a post attaches it; null when unknown
     */
    public record Uploaded(Account account, MediaFile file, String reference, Instant expiresAt) {
        public Uploaded {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * @param field how to name the file in a problem ({@code FILE})
     * @param listener progress, reported under the publication id {@code upload-<upload id>}
     * @throws OutpostException INVALID_INPUT listing every problem with the file, or as uploads fail
     */
    public Uploaded upload(Account account, Path file, String altText, String field, ProgressListener listener) {
        // Nothing resumes a stand-alone upload, so no pass over the whole file to fingerprint it.
        MediaFile media = inspector.identify(file, field);
        List<Problem> problems = platforms.of(account.id()).validator(account)
                .validate(new Draft("", List.of(new MediaAttachment(media, altText)), null, null), clock.instant())
                .stream().map(Problem::of).toList();
        if (!problems.isEmpty()) {
            throw OutpostException.invalid(problems);
        }
        UploadId id = UploadId.random();
        try {
            MediaRef ref = uploader.upload(new MediaUploader.Target(id, account, media, altText),
                    new MediaUploader.Reporting(new PublicationId("upload-" + id), 0, listener));
            return new Uploaded(account, media, ref.value(), ref.expiresAt());
        } finally {
            // Nothing will resume it: its journal entry would only linger.
            journal.delete(id);
        }
    }
}
