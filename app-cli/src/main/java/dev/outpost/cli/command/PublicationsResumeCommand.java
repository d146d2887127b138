package dev.outpost.cli.command;

import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost publications resume ID}: finishes an interrupted or failed publication here and now. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Finish a publication that was interrupted (killed, network lost) or failed, in this process with"
                + " progress. Uploads continue from the journal: what the platform acknowledged is not sent"
                + " again, and a post whose request may have gone out is looked for before anything is sent twice.",
            "A run of this machine that is gone (killed, stopped) is taken over at once. If the run holding the"
                + " publication is still going, or ran on another machine or in the web app, this waits for its claim"
                + " to lapse (OUTPOST_CLAIM_LEASE_SECONDS)."})
final class PublicationsResumeCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's id, or its first 6+ characters.")
    String id;

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    PublicationsResumeCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        var core = backend.core();
        Publication found = PublicationFinder.find(core, id);
        Publication queued = core.publications().resume(found.id());
        output.note("Resuming publication " + queued.id() + " (" + queued.state().name().toLowerCase(java.util.Locale.ROOT)
                + ").");
        return new ForegroundRun(backend, output, environment.interactive())
                .runAndReport(queued.id());
    }
}
