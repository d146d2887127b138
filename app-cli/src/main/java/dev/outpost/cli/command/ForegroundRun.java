package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.cli.render.Progress;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one publication in this process with progress on standard error, and reports how it ended. When another
 * run still holds the publication's claim (typically a run that was killed: its lease has not lapsed yet), waits for
 * the claim to lapse and tries again.
 */
final class ForegroundRun {
    private final OutpostCore core;
    private final Output output;
    private final boolean interactive;
    private final Clock clock;
    private final Duration lease;

    ForegroundRun(OutpostCore core, Output output, boolean interactive, Clock clock, Duration lease) {
        this.core = core;
        this.output = output;
        this.interactive = interactive;
        this.clock = clock;
        this.lease = lease;
    }

    /** @return the exit code */
    int runAndReport(PublicationId id) throws InterruptedException {
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<URI> url = new AtomicReference<>();
        Publication after;
        try (Progress progress = Progress.open(output, interactive, false)) {
            AutoCloseable subscription = core.progress().subscribe(event -> {
                if (!event.publication().equals(id)) {
                    return;
                }
                // Events are published in this process only: seeing one means this run holds the claim.
                ran.set(true);
                if (event instanceof ProgressEvent.Published published) {
                    url.set(published.url());
                }
                progress.on(event);
            });
            try {
                after = runHoldingClaim(id, ran);
            } finally {
                unsubscribe(subscription);
            }
        }
        return PublicationOutcome.report(core, output, after, url.get());
    }

    private static void unsubscribe(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Publication runHoldingClaim(PublicationId id, AtomicBoolean ran) throws InterruptedException {
        Publication before = core.publications().get(id);
        if (before.state().isTerminal()) {
            return before;
        }
        Instant giveUp = clock.instant().plus(lease).plusSeconds(5);
        boolean told = false;
        while (true) {
            Publication after = core.runner().run(id);
            // An unconfirmed publication may be looked at without any event (its post not visible yet).
            if (ran.get() || after.state().isTerminal() || before.state() == PublicationState.UNCONFIRMED) {
                return after;
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
}
