package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.Publication;
import java.util.Locale;

/** Prints where a publication ended up and chooses the exit code that goes with it. */
final class PublicationOutcome {
    private PublicationOutcome() {
    }

    /** The publication as {@code --json} shows it, with its post's address and its uploads from the journal. */
    static PublicationView view(OutpostCore core, Publication publication) {
        return PublicationView.of(core.publications().details(publication));
    }

    /**
     * Reports a publication that ran in this process.
     *
     * @param failureKind why this run failed, or null when it did not run it or did not fail
     * @return the exit code
     */
    static int report(OutpostCore core, Output output, Publication publication, OutpostException.Kind failureKind) {
        PublicationView view = view(core, publication);
        String id = publication.id().value();
        switch (publication.state()) {
            case PUBLISHED -> {
                output.result(view, view.url() != null ? view.url() : "Published: post " + publication.remotePostId());
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
                return exitCodeOfFailure(core, publication, failureKind);
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

    private static int exitCodeOfFailure(OutpostCore core, Publication publication, OutpostException.Kind kind) {
        if (kind != null) {
            return kind.exitCode();
        }
        return exitCodeOfEarlierFailure(core, publication.account());
    }

    /** A publication of this account failed in another run: the reason is all that is kept, but a lost account is still visible. */
    static int exitCodeOfEarlierFailure(OutpostCore core, AccountId account) {
        boolean reconnect = core.accounts().find(account)
                .map(a -> a.status() == AccountStatus.NEEDS_RECONNECT).orElse(true);
        return (reconnect ? OutpostException.Kind.RECONNECT_NEEDED : OutpostException.Kind.FAILED).exitCode();
    }
}
