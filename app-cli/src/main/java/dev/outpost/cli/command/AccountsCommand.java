package dev.outpost.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code outpost accounts}: the accounts Outpost may post as. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Connect, import, list and remove the accounts Outpost posts as.",
        subcommands = {AccountsAddCommand.class, AccountsImportCommand.class, AccountsListCommand.class,
                AccountsRemoveCommand.class})
final class AccountsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalFlags flags;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, import, list or remove");
    }
}
