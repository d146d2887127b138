package dev.outpost.cli.command;

import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost publications show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a publication: its state, text, media and how far each upload got.")
final class PublicationsShowCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's id, or its first 6+ characters.")
    String id;

    private final Backend backend;
    private final Output output;

    @Inject
    PublicationsShowCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        PublicationView view = PublicationOutcome.view(core, PublicationFinder.find(core, id));
        output.result(view, view.details());
        return 0;
    }
}
