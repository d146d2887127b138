package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PublicationRunner;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one publication in this process with progress on standard error, and reports how it ended. When another
 * run still holds the publication's claim (typically a run that was killed: its lease has not lapsed yet), waits for
 * the claim to lapse and tries again.
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
                if (event.publication().equals(id)) {
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

    private PublicationRunner.Outcome runHoldingClaim(PublicationId id) throws InterruptedException {
        Publication before = core.publications().get(id);
        if (before.state().isTerminal()) {
            return new PublicationRunner.Outcome(before, false, null);
        }
        backend.running(id);
        Instant giveUp = clock.instant().plus(lease).plusSeconds(5);
        boolean told = false;
        while (true) {
            PublicationRunner.Outcome outcome = core.runner().runDetailed(id);
            if (outcome.ran() || outcome.publication().state().isTerminal()) {
                return outcome;
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new OutpostException(OutpostException.Kind.FAILED, "publication " + id + " is held by another"
                        + " worker that is still running it; see `outpost publications show " + id + "`");
            }
            if (!told) {
                output.note("Another run holds publication " + id + " (a worker, or a run that was stopped);"
                        + " waiting up to " + lease.toSeconds() + " s for its claim to lapse …");
                told = true;
            }
            Thread.sleep(1000);
        }
    }

    private static void unsubscribe(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
