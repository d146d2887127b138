package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PublicationRunner;
import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one publication in this process with progress on standard error, and reports how it ended. A claim left by a
 * run of this machine that is gone (killed, or stopped before it could release) is taken over at once; when another
 * run still holds the claim (alive, or on another host or a web instance), waits for it to end or lapse.
 */
final class ForegroundRun {
    private final Backend backend;
    private final OutpostCore core;
    private final Output output;
    private final boolean interactive;
    private final Clock clock;
    private final Duration lease;

    ForegroundRun(Backend backend, Output output, boolean interactive) {
        this.backend = backend;
        this.core = backend.core();
        this.output = output;
        this.interactive = interactive;
        this.clock = backend.clock();
        this.lease = backend.claimLease();
    }

    /** @return the exit code */
    int runAndReport(PublicationId id) throws InterruptedException {
        PublicationRunner.Outcome outcome;
        try (Progress progress = Progress.open(output, interactive, false)) {
            AutoCloseable subscription = core.progress().subscribe(event -> {
                if (event instanceof ProgressEvent.ClaimTakenOver takenOver && event.publication().equals(id)) {
                    output.note(takenOver(takenOver));
                } else if (event.publication().equals(id)) {
                    progress.on(event);
                }
            });
            try {
                outcome = runHoldingClaim(id);
            } finally {
                unsubscribe(subscription);
            }
        }
        return PublicationOutcome.report(core, output, outcome.publication(), outcome.failureKind());
    }

    /**
     * Runs a publication here, taking over the claim of a run of this machine that is gone, waiting for one that lives
     * (up to its lease); no progress is shown, the caller listens.
     */
    PublicationRunner.Outcome runHoldingClaim(PublicationId id) throws InterruptedException {
        Publication before = core.publications().get(id);
        if (before.state().isTerminal()) {
            return new PublicationRunner.Outcome(before, false, null);
        }
        Instant giveUp = clock.instant().plus(lease).plusSeconds(5);
        boolean told = false;
        while (true) {
            PublicationRunner.Outcome outcome = core.runner().runDetailed(id);
            if (outcome.ran() || outcome.publication().state().isTerminal()) {
                return outcome;
            }
            String holder = outcome.heldBy() == null ? "another run" : outcome.heldBy();
            if (clock.instant().isAfter(giveUp)) {
                throw new OutpostException(OutpostException.Kind.FAILED, "publication " + id + " is held by " + holder
                        + ", which is still running it; see `outpost publications show " + id + "`");
            }
            if (!told && outcome.heldBy() != null) {
                // A stopped run of this machine would have been taken over: this one lives, or is on another host.
                output.note("Publication " + id + " is held by " + holder + ", which is still running or is not on"
                        + " this machine; waiting up to " + lease.toSeconds() + " s for it to finish or for its"
                        + " claim to lapse …");
                told = true;
            }
            Thread.sleep(1000);
        }
    }

    /** The note for a claim taken over from a run that is gone. */
    static String takenOver(ProgressEvent.ClaimTakenOver event) {
        return "The run that held publication " + event.publication() + " (" + event.formerHolder() + ") is no longer"
                + " running; took over its claim without waiting for it to lapse.";
    }

    private static void unsubscribe(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
