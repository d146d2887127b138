package dev.outpost.application;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A publication as the apps show it.
 *
 * @param publication as stored
 * @param account its account, or null when it was disconnected since
 * @param platformName the name people know its platform by
 * @param uploads where each attachment's upload stands, by attachment index; absent when none is journaled
 */
public record PublicationDetails(Publication publication, Account account, String platformName,
        Map<Integer, UploadCheckpoint> uploads) {
    public PublicationDetails {
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(platformName, "platformName");
        uploads = Map.copyOf(uploads);
    }

    /** Where people see the post, once published and when the platform gave a link. */
    public Optional<URI> url() {
        return Optional.ofNullable(publication.remote()).map(r -> r.url());
    }

    /** The account as people know it: {@code @handle}, or its id once disconnected. */
    public String accountName() {
        return account == null ? publication.account().value() : "@" + account.handle();
    }

    public Optional<UploadCheckpoint> upload(int index) {
        return Optional.ofNullable(uploads.get(index));
    }
}
