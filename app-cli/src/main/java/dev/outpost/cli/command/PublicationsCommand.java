package dev.outpost.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code outpost publications}: the posts Outpost published, is publishing or will publish. */
@Command(name = "publications", mixinStandardHelpOptions = true,
        description = "List, show, resume and cancel publications (posts on their way, scheduled, done or failed).",
        subcommands = {PublicationsListCommand.class, PublicationsShowCommand.class, PublicationsResumeCommand.class,
                PublicationsCancelCommand.class})
final class PublicationsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalFlags flags;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: list, show, resume or cancel");
    }
}
