package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.PublicationDetails;
import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
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
                + " to lapse (OUTPOST_CLAIM_LEASE_SECONDS).",
            "Given a group's id (a cross-post or a thread), every account's chain continues at its first unpublished"
                + " post: failed posts are tried again, interrupted ones finished, and the posts after them follow;"
                + " what was published is never sent again. A post of a thread resumes its own chain."})
final class PublicationsResumeCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "ID", description = "The publication's or the group's id, or its first 6+ characters.")
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
        PublicationFinder.Found named = PublicationFinder.findPublicationOrGroup(core, id);
        if (named.isGroup()) {
            return resumeGroup(core, named.group(), p -> true);
        }
        Publication found = named.publication();
        if (found.placement() != null) {
            // One post of a group: its account's chain continues from its first unpublished post.
            return resumeGroup(core, found.placement().group(), p -> p.account().equals(found.account()));
        }
        Publication queued = core.publications().resume(found.id());
        output.note("Resuming publication " + queued.id() + " (" + queued.state().name().toLowerCase(java.util.Locale.ROOT)
                + ").");
        return new ForegroundRun(backend, output, environment.interactive())
                .runAndReport(queued.id());
    }

    /**
     * Queues again every failed post of the chosen chains and runs each chain from its first unpublished post (the
     * posts after a failed one waited for it). What was published is never sent again.
     */
    private int resumeGroup(OutpostCore core, GroupId group, Predicate<Publication> chains)
            throws InterruptedException {
        List<Publication> all = core.publications().group(group).publications().stream()
                .map(PublicationDetails::publication).filter(chains).toList();
        int resumed = 0;
        for (Publication publication : all) {
            if (publication.state() == PublicationState.FAILED) {
                core.publications().resume(publication.id());
                resumed++;
            }
        }
        long unfinished = all.stream().filter(p -> p.state() != PublicationState.PUBLISHED
                && p.state() != PublicationState.CANCELLED).count();
        output.note("Resuming group " + group + ": " + unfinished + " of " + all.size() + " posts not published yet"
                + (resumed == 0 ? "" : ", " + resumed + " of them failed before") + ".");
        GroupRun.Result result = new GroupRun(backend, output, environment.interactive()).run(group, chains);
        if (all.size() == result.view().targets().stream().mapToLong(t -> t.posts().size()).sum()) {
            return GroupOutcome.report(core, output, result);
        }
        // One chain was resumed: report that target alone.
        GroupView view = result.view();
        GroupView mine = new GroupView(view.group(), view.kind(), view.state(), view.items(), view.scheduledAt(),
                view.text(), view.targets().stream().filter(t -> all.get(0).account().value().equals(t.account()))
                        .toList());
        return GroupOutcome.report(core, output, new GroupRun.Result(mine, result.failures()));
    }
}
