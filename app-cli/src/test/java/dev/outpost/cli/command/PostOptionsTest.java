package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.cli.Console;
import dev.outpost.cli.OutpostCli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PostOptionsTest {
    @TempDir
    Path home;

    @Test
    void altTextBelongsToTheMediaBeforeIt() {
        PostCommand post = parse("post", "hello", "--media", "a.jpg", "--alt", "first", "--media", "b.jpg",
                "--media", "c.png", "--alt", "third", "--at", "+1h", "--account", "@me", "--reply-to", "42",
                "--option", "visibility=unlisted", "--option", "warning=spoilers, a=b");
        assertThat(post.text).isEqualTo("hello");
        assertThat(post.media).extracting(m -> m.file.toString(), m -> m.alt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.jpg", "first"), org.assertj.core.groups.Tuple.tuple("b.jpg", null),
                org.assertj.core.groups.Tuple.tuple("c.png", "third"));
        assertThat(post.compose.at).isEqualTo("+1h");
        assertThat(post.accounts).containsExactly("@me");
        assertThat(post.compose.replyTo).isEqualTo("42");
        assertThat(post.compose.options).containsExactly(org.assertj.core.api.Assertions.entry("visibility", "unlisted"),
                org.assertj.core.api.Assertions.entry("warning", "spoilers, a=b"));
    }

    @Test
    void theShorthandsAreTheOptionsOfTheirNames() {
        PostCommand post = parse("post", "hi", "--visibility", "unlisted", "--content-warning", "spoilers",
                "--sensitive", "--language", "de", "--option", "other=1");
        assertThat(post.shorthands.mergeInto(post.compose.options)).containsExactly(
                org.assertj.core.api.Assertions.entry("other", "1"),
                org.assertj.core.api.Assertions.entry("visibility", "unlisted"),
                org.assertj.core.api.Assertions.entry("content-warning", "spoilers"),
                org.assertj.core.api.Assertions.entry("sensitive", "true"),
                org.assertj.core.api.Assertions.entry("language", "de"));
        PostCommand explicit = parse("post", "hi", "--sensitive", "false");
        assertThat(explicit.shorthands.mergeInto(explicit.compose.options)).containsExactly(
                org.assertj.core.api.Assertions.entry("sensitive", "false"));
    }

    @Test
    void aShorthandContradictingAnOptionIsRefused() {
        PostCommand post = parse("post", "hi", "--visibility", "unlisted", "--option", "visibility=public");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> post.shorthands.mergeInto(post.compose.options))
                .hasMessageContaining("--visibility unlisted contradicts --option visibility=public");
    }

    @Test
    void theTextMayBeLeftOutWhenMediaIsAttached() {
        PostCommand post = parse("post", "--media", "a.jpg");
        assertThat(post.text).isNull();
        assertThat(post.media).hasSize(1);
    }

    @Test
    void severalAccountsAndTheirOwnTextsAreKeptInOrder() {
        PostCommand post = parse("post", "hello everyone", "--account", "@alice.test", "--account", "x:42",
                "--text-for", "@alice.test=hi, bsky = short", "--account", "mastodon", "--text-for",
                "mastodon=hello #fediverse");
        assertThat(post.accounts).containsExactly("@alice.test", "x:42", "mastodon");
        assertThat(post.textFor).containsExactly(org.assertj.core.api.Assertions.entry("@alice.test", "hi, bsky = short"),
                org.assertj.core.api.Assertions.entry("mastodon", "hello #fediverse"));
    }

    @Test
    void globalFlagsMayComeBeforeOrAfterTheCommand() {
        Console console = new Console(home);
        var wiring = OutpostCli.wiring(console.environment, Map.of(), Map.of());
        OutpostCli.commandLine(wiring).parseArgs("--json", "post", "hi", "--quiet");
        var options = wiring.get(dev.outpost.cli.runtime.GlobalOptions.class);
        assertThat(options.json()).isTrue();
        assertThat(options.quiet()).isTrue();
        assertThat(options.verbose()).isFalse();
        assertThat(options.sandbox()).isFalse();
    }

    private PostCommand parse(String... args) {
        Console console = new Console(home);
        CommandLine.ParseResult parsed = OutpostCli.commandLine(OutpostCli.wiring(console.environment, Map.of(),
                Map.of())).parseArgs(args);
        return (PostCommand) parsed.subcommand().commandSpec().userObject();
    }
}
