package dev.outpost.cli.command;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.Group;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code post} with several accounts and {@code thread} share: the targets named on the line, then the group
 * submitted (with {@code --at}) or created and run here. The core checks every target and every post before anything
 * is stored or sent, and lists every problem naming its target.
 */
final class GroupCompose {
    private GroupCompose() {
    }

    /**
     * The targets the user named, each with its own text where {@code --text-for} gave one (for the first post).
     * Every name that is no connected account, and every {@code --text-for} of an account that is not a target, is
     * reported at once.
     */
    static List<ComposeInput.Target> targets(Backend backend, OutpostCore core, List<String> names,
            Map<String, String> textFor) {
        List<Problem> problems = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        for (String name : names) {
            try {
                accounts.add(AccountChoice.choose(core, backend.accountName(name)));
            } catch (OutpostException e) {
                if (e.kind() != OutpostException.Kind.INVALID_INPUT) {
                    throw e;
                }
                e.problems().forEach(p -> problems.add(new Problem("--account", p.message())));
            }
        }
        Map<AccountId, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : textFor.entrySet()) {
            try {
                Account account = AccountChoice.choose(core, backend.accountName(entry.getKey()));
                if (accounts.stream().noneMatch(a -> a.id().equals(account.id()))) {
                    problems.add(new Problem("--text-for", "@" + account.handle() + " is not one of the --account"
                            + " targets"));
                }
                texts.put(account.id(), entry.getValue());
            } catch (OutpostException e) {
                if (e.kind() != OutpostException.Kind.INVALID_INPUT) {
                    throw e;
                }
                e.problems().forEach(p -> problems.add(new Problem("--text-for", p.message())));
            }
        }
        if (!problems.isEmpty()) {
            throw OutpostException.invalid(problems);
        }
        return accounts.stream().map(a -> new ComposeInput.Target(a.id(), texts.containsKey(a.id())
                ? Map.of(0, texts.get(a.id())) : Map.of())).toList();
    }

    /**
     * Schedules the group (when {@code input} has a time) or creates it and runs it here.
     *
     * @return the exit code
     */
    static int publish(Backend backend, Output output, Environment environment, ComposeInput input)
            throws InterruptedException {
        OutpostCore core = backend.core();
        Instant scheduledAt = input.scheduledAt();
        if (scheduledAt != null) {
            Group group = core.publications().submitGroup(input);
            GroupView view = GroupView.of(group).inOrder(input.targets().stream().map(t -> t.account().value())
                    .toList());
            output.result(view, "Scheduled group " + group.id() + " (" + what(view) + ") for "
                    + scheduledAt.atZone(environment.zone()).toLocalDateTime() + " (" + scheduledAt + ").");
            output.note("`outpost worker` (or the web app) publishes it when it is due; `outpost publications cancel "
                    + group.id() + "` cancels it.");
            return 0;
        }
        List<String> order = input.targets().stream().map(t -> t.account().value()).toList();
        Group group = core.publications().createGroupForImmediateRun(input);
        GroupView view = GroupView.of(group).inOrder(order);
        output.note("Publishing " + what(view) + " (group " + group.id() + "; if interrupted, `outpost publications"
                + " resume " + group.id() + "` finishes it).");
        GroupRun.Result result = new GroupRun(backend, output, environment.interactive()).run(group.id());
        return GroupOutcome.report(core, output, new GroupRun.Result(result.view().inOrder(order),
                result.failures()));
    }

    /** {@code a thread of 5 posts to @alice (Bluesky), @bob (X)}. */
    private static String what(GroupView view) {
        return (view.items() > 1 ? "a thread of " + view.items() + " posts" : "a post") + " to "
                + view.targets().stream().map(GroupView::label).collect(Collectors.joining(", "));
    }
}
