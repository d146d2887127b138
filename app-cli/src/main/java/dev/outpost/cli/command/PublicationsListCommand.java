package dev.outpost.cli.command;

import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost publications list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {"List publications, newest first.",
    "What one cross-post or thread made is one entry, its group: its accounts' states and how many of its posts are"
        + " published (with --json: the group, its targets and each target's posts)."})
final class PublicationsListCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "Only these states (repeatable or comma-separated): ${COMPLETION-CANDIDATES}.")
    List<PublicationState> states;

    @Option(names = "--account", paramLabel = "NAME", description = "Only this account's (@handle or id).")
    String account;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N (default ${DEFAULT-VALUE}).")
    int limit;

    /** The most publications one list reads to fill its entries. */
    private static final int MOST = 10_000;

    private final Backend backend;
    private final Output output;

    @Inject
    PublicationsListCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw dev.outpost.application.OutpostException.invalid("--limit", "must be at least 1; got " + limit);
        }
        var core = backend.core();
        AccountId only = account == null ? null : AccountChoice.choose(core, account).id();
        Set<PublicationState> wanted = states == null || states.isEmpty() ? Set.of() : EnumSet.copyOf(states);
        List<Object> entries = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Set<GroupId> seen = new HashSet<>();
        // A group counts once however many of its publications match: ask for more until there are enough entries.
        int asked = limit;
        while (true) {
            List<Publication> found = core.publications().list(new PublicationStore.Query(wanted, only, asked));
            entries.clear();
            lines.clear();
            seen.clear();
            for (Publication p : found) {
                if (entries.size() == limit) {
                    break;
                }
                if (p.placement() == null) {
                    PublicationView view = PublicationOutcome.view(core, p);
                    entries.add(view);
                    lines.add(view.line());
                } else if (seen.add(p.placement().group())) {
                    GroupView group = GroupView.of(core.publications().group(p.placement().group()));
                    entries.add(group);
                    lines.add(group.line(p.updatedAt().toString()));
                }
            }
            if (entries.size() == limit || found.size() < asked || asked >= MOST) {
                break;
            }
            asked = Math.min(MOST, asked * 4);
        }
        output.result(entries, lines.isEmpty() ? "No publications." : String.join("\n", lines));
        return 0;
    }
}
