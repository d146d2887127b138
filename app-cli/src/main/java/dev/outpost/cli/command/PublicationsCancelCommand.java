package dev.outpost.cli.command;

import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.Publication;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost publications cancel ID}: a publication, or every post of a group that has not gone out. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a publication that has not started publishing (a scheduled one, typically).",
            "Given a group's id (a cross-post or a thread), cancel every post of it that has not gone out; those"
                + " published or on their way stay as they are."})
final class PublicationsCancelCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's or the group's id, or its first 6+ characters.")
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
        PublicationFinder.Found found = PublicationFinder.findPublicationOrGroup(core, id);
        if (found.isGroup()) {
            List<Publication> cancelled = core.publications().cancelGroup(found.group());
            GroupView group = GroupView.of(core.publications().group(found.group()));
            long left = group.targets().stream().flatMap(t -> t.posts().stream()).count() - cancelled.size();
            output.result(group, "Cancelled " + cancelled.size() + (cancelled.size() == 1 ? " publication" :
                    " publications") + " of group " + found.group() + (left == 0 ? "." : "; " + left
                    + " had already gone out or started and were left as they are.") + "\n" + group.details());
            return 0;
        }
        Publication cancelled = core.publications().cancel(found.publication().id());
        output.result(PublicationOutcome.view(core, cancelled), "Cancelled publication " + cancelled.id()
                + ".");
        return 0;
    }
}
