package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.runtime.Environment;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code outpost completion bash}: the shell completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh.",
            "Load it now with:      source <(outpost completion bash)",
            "or for every shell:    outpost completion bash > ~/.local/share/bash-completion/completions/outpost"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL",
            description = "bash (default) or zsh (the same script: it loads bashcompinit)")
    String shell;

    private final Environment environment;

    @Inject
    CompletionCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw OutpostException.invalid("SHELL", "completion is available for bash and zsh, not '" + shell + "'");
        }
        environment.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        environment.out().flush();
        return 0;
    }
}
