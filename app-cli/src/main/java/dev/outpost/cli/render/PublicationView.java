package dev.outpost.cli.render;

import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A publication as {@code --json} prints it, with where each attachment's upload stands in the journal (so a user, or
 * a test, can see how many bytes a resumed run will not send again).
 *
 * @param platform the name people know the account's platform by
 * @param options the per-platform options the post carries; empty for none
 */
public record PublicationView(String id, String account, String platform, String state, String text,
        List<MediaView> media, String replyTo, Map<String, String> options, String scheduledAt, String postId,
        String url, String failure, String createdAt, String updatedAt) {

    /** An attachment, its alt text and focal point ({@code "x,y"}, or null), and its upload. */
    public record MediaView(int index, String file, String type, long bytes, String alt, String focus,
            UploadView upload) {
    }

    /**
     * An upload as the journal has it: absent before it began and once the post is published (the journal entry is
     * then dropped). What the platform needs to continue is its plugin's own, so only how far it got shows.
     *
     * @param phase {@code uploading}, {@code processing} (every byte sent) or {@code ready}
     * @param acknowledgedBytes how many bytes the platform confirmed
     * @param expiresAt after this the upload starts over; null when it does not expire
     */
    public record UploadView(String phase, long acknowledgedBytes, String expiresAt) {
        static UploadView of(UploadCheckpoint checkpoint) {
            return new UploadView(checkpoint.phase().name().toLowerCase(Locale.ROOT), checkpoint.bytesAcknowledged(),
                    checkpoint.expiresAt() == null ? null : checkpoint.expiresAt().toString());
        }
    }

    public static PublicationView of(PublicationDetails details) {
        Publication publication = details.publication();
        List<MediaView> media = new ArrayList<>();
        List<MediaAttachment> attachments = publication.draft().media();
        for (int i = 0; i < attachments.size(); i++) {
            MediaAttachment attachment = attachments.get(i);
            media.add(new MediaView(i, attachment.file().path().toString(), attachment.file().type().mimeType(),
                    attachment.file().size(), attachment.altText(),
                    attachment.focus() == null ? null : attachment.focus().text(),
                    details.upload(i).map(UploadView::of).orElse(null)));
        }
        var draft = publication.draft();
        return new PublicationView(publication.id().value(), publication.account().value(), details.platformName(),
                publication.state().name(), draft.text(), media, draft.replyTo(), draft.options(),
                draft.scheduledAt() == null ? null : draft.scheduledAt().toString(), publication.remotePostId(),
                details.url().map(Object::toString).orElse(null), publication.failure(),
                publication.createdAt().toString(), publication.updatedAt().toString());
    }

    /** One line of {@code publications list}. */
    public String line() {
        String when = scheduledAt != null && "QUEUED".equals(state) ? "due " + scheduledAt : updatedAt;
        String preview = text.replaceAll("\\s+", " ");
        if (preview.length() > 40) {
            preview = preview.substring(0, 39) + "…";
        }
        String detail = postId != null ? "post " + postId : failure != null ? failure : "";
        return String.format(Locale.ROOT, "%-36s %-11s %-24s %-40s %s", id, state.toLowerCase(Locale.ROOT), when,
                preview + (media.isEmpty() ? "" : " [" + media.size() + " media]"), detail).stripTrailing();
    }

    /** The lines of {@code publications show}. */
    public String details() {
        StringBuilder out = new StringBuilder();
        out.append("publication ").append(id).append('\n');
        out.append("  state      ").append(state.toLowerCase(Locale.ROOT)).append('\n');
        out.append("  account    ").append(account).append(" on ").append(platform).append('\n');
        out.append("  text       ").append(text.isEmpty() ? "(none)" : text.replace("\n", "\n             "))
                .append('\n');
        if (replyTo != null) {
            out.append("  reply to   ").append(replyTo).append('\n');
        }
        options.forEach((key, value) -> out.append("  option     ").append(key).append(" = ").append(value)
                .append('\n'));
        if (scheduledAt != null) {
            out.append("  scheduled  ").append(scheduledAt).append('\n');
        }
        for (MediaView m : media) {
            out.append("  media ").append(m.index()).append("    ").append(m.file()).append(" (").append(m.type())
                    .append(", ").append(Bytes.human(m.bytes())).append(')');
            if (m.alt() != null) {
                out.append(" alt: ").append(m.alt());
            }
            if (m.focus() != null) {
                out.append(" focus: ").append(m.focus());
            }
            if (m.upload() != null) {
                out.append("\n             upload ").append(m.upload().phase()).append(", ")
                        .append(Bytes.human(m.upload().acknowledgedBytes())).append(" of ")
                        .append(Bytes.human(m.bytes())).append(" acknowledged");
            }
            out.append('\n');
        }
        if (postId != null) {
            out.append("  post       ").append(postId).append(url == null ? "" : " " + url).append('\n');
        }
        if (failure != null) {
            out.append("  reason     ").append(failure).append('\n');
        }
        out.append("  created    ").append(createdAt).append('\n');
        out.append("  updated    ").append(updatedAt);
        return out.toString();
    }
}
