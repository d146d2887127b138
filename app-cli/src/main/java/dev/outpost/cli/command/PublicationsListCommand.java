package dev.outpost.cli.command;

import dev.outpost.cli.render.PublicationView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost publications list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List publications, newest first.")
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
        List<PublicationView> views = core.publications().list(new PublicationStore.Query(wanted, only, limit))
                .stream().map(p -> PublicationOutcome.view(core, p)).toList();
        output.result(views, views.isEmpty() ? "No publications."
                : views.stream().map(PublicationView::line).collect(Collectors.joining("\n")));
        return 0;
    }
}
