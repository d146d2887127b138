package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.PublicationId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints where every target of a group ended up and chooses the exit code: 0 when every post of every target is
 * published; otherwise the code of the targets' failures when they all share one (3 reconnect, 4 refused, 5
 * unconfirmed, 1 other), and 1 when they differ. Standard output lists every target either way.
 */
final class GroupOutcome {
    private GroupOutcome() {
    }

    /** @return the exit code */
    static int report(OutpostCore core, Output output, GroupRun.Result result) {
        GroupView view = result.view();
        output.result(view, text(view));
        Set<Integer> codes = new LinkedHashSet<>();
        for (GroupView.TargetView target : view.targets()) {
            if ("PUBLISHED".equals(target.state())) {
                continue;
            }
            GroupView.ItemView stopped = target.posts().stream().filter(p -> !"PUBLISHED".equals(p.state()))
                    .findFirst().orElseThrow();
            codes.add(exitCode(core, target, stopped, result.failures()));
        }
        if (codes.isEmpty()) {
            return 0;
        }
        long published = view.targets().stream().filter(t -> "PUBLISHED".equals(t.state())).count();
        output.warn("outpost: " + published + " of " + view.targets().size() + " targets published; `outpost"
                + " publications resume " + view.group() + "` retries the others (what went out is not sent again)");
        return codes.size() == 1 ? codes.iterator().next() : OutpostException.Kind.FAILED.exitCode();
    }

    private static int exitCode(OutpostCore core, GroupView.TargetView target, GroupView.ItemView stopped,
            Map<PublicationId, OutpostException.Kind> failures) {
        OutpostException.Kind kind = failures.get(new PublicationId(stopped.publication()));
        if (kind != null) {
            return kind.exitCode();
        }
        return switch (stopped.state()) {
            case "UNCONFIRMED" -> OutpostException.Kind.UNCONFIRMED.exitCode();
            case "FAILED" -> PublicationOutcome.exitCodeOfEarlierFailure(core, new AccountId(target.account()));
            default -> OutpostException.Kind.FAILED.exitCode();
        };
    }

    /** One line per target (per post, in a thread): its link, or how it stands. */
    static String text(GroupView view) {
        StringBuilder out = new StringBuilder();
        for (GroupView.TargetView target : view.targets()) {
            List<GroupView.ItemView> posts = target.posts();
            for (GroupView.ItemView post : posts) {
                out.append(GroupView.label(target));
                if (posts.size() > 1) {
                    out.append(" post ").append(post.item() + 1).append('/').append(posts.size());
                }
                out.append(": ");
                if ("PUBLISHED".equals(post.state())) {
                    out.append(post.url() != null ? post.url() : "post " + post.postId());
                } else {
                    out.append(post.state().toLowerCase(Locale.ROOT));
                    if (post.failure() != null) {
                        out.append(" (").append(post.failure()).append(')');
                    }
                }
                out.append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
