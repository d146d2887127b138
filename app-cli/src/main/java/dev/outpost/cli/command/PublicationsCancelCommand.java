package dev.outpost.cli.command;

import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost publications cancel ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a publication that has not started publishing (a scheduled one, typically).")
final class PublicationsCancelCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's id, or its first 6+ characters.")
    String id;

    private final Backend backend;
    private final Output output;

    @Inject
    PublicationsCancelCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        Publication cancelled = core.publications().cancel(PublicationFinder.find(core, id).id());
        output.result(PublicationOutcome.view(core, cancelled), "Cancelled publication " + cancelled.id()
                + ".");
        return 0;
    }
}
