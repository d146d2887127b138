package dev.outpost.cli.render;

import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.upload.UploadSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A publication as {@code --json} prints it, with where each attachment's upload stands in the journal (so a user, or
 * a test, can see which segments a resumed run will not send again).
 */
public record PublicationView(String id, String account, String state, String text, List<MediaView> media,
        String replyTo, String scheduledAt, String postId, String url, String failure, String createdAt,
        String updatedAt) {

    /** An attachment and its upload. */
    public record MediaView(int index, String file, String type, long bytes, String alt, UploadView upload) {
    }

    /** An upload as the journal has it; absent once the post is published (the journal entry is then dropped). */
    public record UploadView(String state, String mediaId, Integer segments, List<Integer> acknowledgedSegments,
            Long acknowledgedBytes) {
        static UploadView of(UploadSession session) {
            if (session instanceof UploadSession.Appending appending) {
                return new UploadView(session.stateName(), session.media().mediaId(), appending.plan().size(),
                        appending.acknowledged(), appending.acknowledgedBytes());
            }
            if (session instanceof UploadSession.Finalizing finalizing) {
                return new UploadView(session.stateName(), session.media().mediaId(), finalizing.plan().size(),
                        null, finalizing.plan().totalBytes());
            }
            return new UploadView(session.stateName(), session.media() == null ? null : session.media().mediaId(),
                    null, null, null);
        }
    }

    /**
     * @param uploads the journal's session of attachment {@code i}, if any
     * @param url the post's address when known
     */
    public static PublicationView of(Publication publication, IntFunction<Optional<UploadSession>> uploads,
            String url) {
        List<MediaView> media = new ArrayList<>();
        List<MediaAttachment> attachments = publication.draft().media();
        for (int i = 0; i < attachments.size(); i++) {
            MediaAttachment attachment = attachments.get(i);
            media.add(new MediaView(i, attachment.file().path().toString(), attachment.file().type().mimeType(),
                    attachment.file().size(), attachment.altText(), uploads.apply(i).map(UploadView::of)
                            .orElse(null)));
        }
        var draft = publication.draft();
        return new PublicationView(publication.id().value(), publication.account().value(),
                publication.state().name(), draft.text(), media, draft.replyToPostId(),
                draft.scheduledAt() == null ? null : draft.scheduledAt().toString(), publication.remotePostId(), url,
                publication.failure(), publication.createdAt().toString(), publication.updatedAt().toString());
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
        out.append("  account    ").append(account).append('\n');
        out.append("  text       ").append(text.isEmpty() ? "(none)" : text.replace("\n", "\n             "))
                .append('\n');
        if (replyTo != null) {
            out.append("  reply to   ").append(replyTo).append('\n');
        }
        if (scheduledAt != null) {
            out.append("  scheduled  ").append(scheduledAt).append('\n');
        }
        for (MediaView m : media) {
            out.append("  media ").append(m.index()).append("    ").append(m.file()).append(" (").append(m.type())
                    .append(", ").append(Bytes.human(m.bytes())).append(')');
            if (m.alt() != null) {
                out.append(" alt: ").append(m.alt());
            }
            if (m.upload() != null) {
                out.append("\n             upload ").append(m.upload().state());
                if (m.upload().segments() != null && m.upload().acknowledgedSegments() != null) {
                    out.append(", ").append(m.upload().acknowledgedSegments().size()).append('/')
                            .append(m.upload().segments()).append(" segments acknowledged");
                }
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
