package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.Console;
import dev.outpost.cli.render.GroupView;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.post.PublicationId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit code of a group (README, "Exit codes") and its lines on standard output. */
class GroupOutcomeTest {
    @TempDir
    Path home;

    @Test
    void everyTargetPublishedIsZeroAndEachTargetHasItsLink() {
        Console console = new Console(home);
        int code = report(console, Map.of(), target("x:1", "@me", "X", "PUBLISHED", "https://x.test/1"),
                target("bluesky:2", "@me.test", "Bluesky", "PUBLISHED", "https://bsky.test/2"));
        assertThat(code).isZero();
        assertThat(console.out()).isEqualTo("@me (X): https://x.test/1\n@me.test (Bluesky): https://bsky.test/2\n");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void failedTargetsSharingAReasonGiveItsCodeAndDifferentReasonsGiveOne() {
        Console console = new Console(home);
        GroupView.TargetView refused = target("bluesky:2", "@me.test", "Bluesky", "FAILED", null);
        Map<PublicationId, OutpostException.Kind> failures = new HashMap<>();
        failures.put(new PublicationId("bluesky:2-0"), OutpostException.Kind.REFUSED);
        assertThat(report(console, failures, target("x:1", "@me", "X", "PUBLISHED", "https://x.test/1"), refused))
                .isEqualTo(4);
        assertThat(console.out()).contains("@me.test (Bluesky): failed (no)");
        assertThat(console.err()).contains("1 of 2 targets published", "outpost publications resume g-1");

        failures.put(new PublicationId("mastodon:3-0"), OutpostException.Kind.RECONNECT_NEEDED);
        assertThat(report(new Console(home), failures, refused,
                target("mastodon:3", "@me@social.test", "Mastodon", "FAILED", null))).isEqualTo(1);
        assertThat(report(new Console(home), Map.of(), target("x:1", "@me", "X", "UNCONFIRMED", null)))
                .isEqualTo(5);
    }

    private int report(Console console, Map<PublicationId, OutpostException.Kind> failures,
            GroupView.TargetView... targets) {
        GroupView view = new GroupView("g-1", "crosspost", "SOME_FAILED", 1, null, "hi", List.of(targets));
        // The core is consulted only for a failure of an earlier run, which none of these is.
        return GroupOutcome.report(null, new Output(console.environment, new GlobalOptions()),
                new GroupRun.Result(view, failures));
    }

    private static GroupView.TargetView target(String account, String name, String platform, String state,
            String url) {
        boolean failed = !state.equals("PUBLISHED");
        GroupView.ItemView post = new GroupView.ItemView(0, account + "-0", state, url == null ? null : "1", url,
                failed ? "no" : null, "hi");
        return new GroupView.TargetView(account, name, platform, state, account + "-0", post.postId(), url,
                failed ? "no" : null, List.of(post));
    }
}
