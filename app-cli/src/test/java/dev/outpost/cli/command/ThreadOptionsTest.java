package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.Console;
import dev.outpost.cli.OutpostCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code thread} reads its posts: media and alt text after an {@code --item} belong to it; files split at ---. */
class ThreadOptionsTest {
    @TempDir
    Path home;

    @Test
    void mediaAndAltTextBelongToTheItemBeforeThem() {
        ThreadCommand thread = parse("thread", "--account", "@a", "--item", "one", "--media", "a.jpg", "--alt",
                "first", "--media", "b.png", "--item", "two", "--item", "three", "--media", "c.mp4", "--alt",
                "a clip", "--account", "@b", "--at", "+1h");
        assertThat(thread.accounts).containsExactly("@a", "@b");
        assertThat(thread.items).extracting(i -> i.text).containsExactly("one", "two", "three");
        assertThat(thread.items.get(0).media).extracting(m -> m.file.toString(), m -> m.alt)
                .containsExactly(tuple("a.jpg", "first"), tuple("b.png", null));
        assertThat(thread.items.get(1).media).isEmpty();
        assertThat(thread.items.get(2).media).extracting(m -> m.file.toString(), m -> m.alt)
                .containsExactly(tuple("c.mp4", "a clip"));
        assertThat(thread.compose.at).isEqualTo("+1h");
    }

    @Test
    void mediaBeforeAnyItemIsAUsageError() {
        assertThatThrownBy(() -> ThreadCommand.mediaAfterItems(List.of("--account", "@a", "--media", "a.jpg",
                "--item", "one"))).hasMessage("--media: --media comes after the --item it belongs to");
        assertThatThrownBy(() -> ThreadCommand.mediaAfterItems(List.of("--alt=x", "--item", "one")))
                .hasMessageContaining("--alt comes after");
        ThreadCommand.mediaAfterItems(List.of("--at", "+1h", "--item", "one", "--media", "a.jpg"));
    }

    @Test
    void aFileIsSplitAtLinesHoldingOnlyThreeDashes() {
        List<String> posts = ThreadFile.parse("thread.txt", "First post,\non two lines.\n---\n\nSecond -- not"
                + " split --- here\n  ---  \r\nThird\n---\n");
        assertThat(posts).containsExactly("First post,\non two lines.", "Second -- not split --- here", "Third");
        assertThat(ThreadFile.parse("one.txt", "Just one\n")).containsExactly("Just one");
    }

    @Test
    void anEmptyPostIsRefusedNamingTheFileAndEveryEmptyPost() {
        assertThatThrownBy(() -> ThreadFile.parse("thread.txt", "one\n---\n\n---\ntwo\n---\n---\nthree"))
                .isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).extracting(p -> p.field(), p -> p.message()).containsExactly(
                            tuple("--file", "thread.txt: post 2 of 5 has no text (posts are separated by a line"
                                    + " holding only ---)"),
                            tuple("--file", "thread.txt: post 4 of 5 has no text (posts are separated by a line"
                                    + " holding only ---)"));
                });
        assertThatThrownBy(() -> ThreadFile.parse("blank.txt", "\n  \n")).hasMessageContaining("post 1 of 1");
    }

    private ThreadCommand parse(String... args) {
        Console console = new Console(home);
        CommandLine.ParseResult parsed = OutpostCli.commandLine(OutpostCli.wiring(console.environment, Map.of(),
                Map.of())).parseArgs(args);
        return (ThreadCommand) parsed.subcommand().commandSpec().userObject();
    }
}
