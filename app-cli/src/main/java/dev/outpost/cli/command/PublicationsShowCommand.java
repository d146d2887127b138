package dev.outpost.cli.command;

import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost publications show ID}: a publication, or a group with every target's chain. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show a publication: its state, text, media and how far each upload got.",
            "Given a group's id (a cross-post or a thread), show every account's chain of posts: their states,"
                + " links and failures."})
final class PublicationsShowCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's or the group's id, or its first 6+ characters.")
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
        PublicationFinder.Found found = PublicationFinder.findPublicationOrGroup(core, id);
        if (found.isGroup()) {
            GroupView group = GroupView.of(core.publications().group(found.group()));
            output.result(group, group.details());
            return 0;
        }
        PublicationView view = PublicationOutcome.view(core, found.publication());
        output.result(view, view.details());
        return 0;
    }
}
