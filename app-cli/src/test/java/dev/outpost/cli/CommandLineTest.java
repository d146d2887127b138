package dev.outpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path home;

    @Test
    void everyCommandHasHelpWithTheGlobalFlagsAndTheExitCodes() {
        Console console = new Console(home);
        CommandLine root = OutpostCli.commandLine(OutpostCli.wiring(console.environment, Map.of(), Map.of()));
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).extracting(c -> c.getCommandSpec().qualifiedName()).contains("outpost accounts add",
                "outpost accounts import", "outpost accounts list", "outpost accounts remove", "outpost post",
                "outpost upload", "outpost publications list", "outpost publications show",
                "outpost publications resume", "outpost publications cancel", "outpost worker", "outpost sandbox",
                "outpost completion");
        for (CommandLine command : all) {
            if (command.getCommandName().equals("help")) {
                continue;
            }
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(command.getCommandSpec().qualifiedName())
                    .contains("--help", "--json", "--quiet", "--verbose", "--sandbox", "Exit codes:",
                            "3   The account needs (re)authorization", "5   Outcome unconfirmed");
        }
    }

    @Test
    void helpIsPrintedOnStandardOutputWithExitZero() {
        Console console = new Console(home);
        assertThat(console.run("post", "--help")).isZero();
        assertThat(console.out()).contains("Usage: outpost post", "--media=FILE", "--alt=TEXT", "--at=TIME",
                "--reply-to=ID", "--account=NAME");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void aMissingCommandIsAUsageErrorWithExitTwo() {
        Console console = new Console(home);
        assertThat(console.run()).isEqualTo(2);
        assertThat(console.err()).startsWith("outpost: a command is missing").contains("Try 'outpost --help'");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsNamedAndExitsTwo() {
        Console console = new Console(home);
        assertThat(console.run("post", "hello", "--colour", "red")).isEqualTo(2);
        assertThat(console.err()).contains("outpost: Unknown options: '--colour'", "Try 'outpost post --help'");
    }

    @Test
    void altTextBeforeAnyMediaIsAUsageError() {
        Console console = new Console(home);
        assertThat(console.run("post", "hello", "--alt", "a cat")).isEqualTo(2);
        assertThat(console.err()).contains("--media=FILE");
    }

    @Test
    void usageErrorsAreAlsoJsonWithJson() {
        Console console = new Console(home);
        assertThat(console.run("--json", "accounts", "frobnicate")).isEqualTo(2);
        assertThat(console.out()).contains("\"kind\":\"USAGE\"", "\"exitCode\":2");
    }

    @Test
    void versionNamesTheProgram() {
        Console console = new Console(home);
        assertThat(console.run("--version")).isZero();
        assertThat(console.out()).startsWith("outpost ");
    }

    @Test
    void bashCompletionCoversTheCommandsAndTheirOptions() {
        Console console = new Console(home);
        assertThat(console.run("completion", "bash")).isZero();
        assertThat(console.out()).contains("complete -F _complete_outpost", "accounts", "publications", "--media",
                "--no-browser");
    }

    @Test
    void anUnsupportedShellIsBadInput() {
        Console console = new Console(home);
        assertThat(console.run("completion", "fish")).isEqualTo(2);
        assertThat(console.err()).isEqualTo("outpost: SHELL: completion is available for bash and zsh, not 'fish'"
                + System.lineSeparator());
    }

    @Test
    void withoutAnyPlatformPluginACommandThatNeedsOneFailsClearly() {
        Console console = new Console(home);
        assertThat(console.run("--sandbox", "accounts", "list")).isEqualTo(2);
        assertThat(console.err()).contains("unknown storage 'sqlite'");
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
