package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.upload.UploadId;
import java.net.URI;
import java.util.Locale;

/** Prints where a publication ended up and chooses the exit code that goes with it. */
final class PublicationOutcome {
    private PublicationOutcome() {
    }

    /** The publication as {@code --json} shows it, with its attachments' uploads from the journal. */
    static PublicationView view(OutpostCore core, Publication publication, URI url) {
        var journal = core.stores().uploads();
        return PublicationView.of(publication, index -> journal.find(uploadId(publication, index)),
                url == null ? null : url.toString());
    }

    /**
     * The journal key of an attachment's upload, as {@code PublicationRunner} names it (publication id, dash,
     * index); the runner keeps it package-private, so it is repeated here (see the engine requests).
     */
    static UploadId uploadId(Publication publication, int index) {
        return new UploadId(publication.id().value() + "-" + index);
    }

    /** Reports a publication that ran in this process; @return the exit code */
    static int report(OutpostCore core, Output output, Publication publication, URI url) {
        PublicationView view = view(core, publication, url);
        String id = publication.id().value();
        switch (publication.state()) {
            case PUBLISHED -> {
                output.result(view, url != null ? url.toString() : "Published: post " + publication.remotePostId());
                return 0;
            }
            case UNCONFIRMED -> {
                output.result(view, null);
                output.warn("outpost: not confirmed yet: " + publication.failure() + ". Outpost checks the account's"
                        + " posts again; see `outpost publications show " + id + "`, or let `outpost worker` settle"
                        + " it.");
                return OutpostException.Kind.UNCONFIRMED.exitCode();
            }
            case FAILED -> {
                output.result(view, null);
                output.warn("outpost: not published: " + publication.failure());
                output.note("Fix what the message says, then `outpost publications resume " + id + "` tries again"
                        + " and skips what was already uploaded.");
                return failureKind(core, publication).exitCode();
            }
            case CANCELLED -> {
                output.result(view, null);
                output.warn("outpost: publication " + id + " was cancelled");
                return OutpostException.Kind.FAILED.exitCode();
            }
            default -> {
                output.result(view, "Publication " + id + " is " + publication.state().name().toLowerCase(Locale.ROOT)
                        + ".");
                return 0;
            }
        }
    }

    /**
     * Which kind of failure a FAILED publication had. The publication keeps only the reason's text (an engine request
     * asks for the kind), so this reads the account's status and the reason's wording until then.
     */
    static OutpostException.Kind failureKind(OutpostCore core, Publication publication) {
        boolean reconnect = core.stores().accounts().find(publication.account())
                .map(a -> a.status() == AccountStatus.NEEDS_RECONNECT).orElse(true);
        String reason = publication.failure() == null ? "" : publication.failure().toLowerCase(Locale.ROOT);
        if (reconnect || reason.contains("connect it again") || reason.contains("no longer connected")) {
            return OutpostException.Kind.RECONNECT_NEEDED;
        }
        if (reason.contains("refuse") || reason.contains("rate-limited") || reason.contains("could not process")
                || reason.contains("invalid") || reason.contains("forbidden") || reason.contains("too large")) {
            return OutpostException.Kind.REFUSED;
        }
        return OutpostException.Kind.FAILED;
    }
}
