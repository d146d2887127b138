package dev.outpost.cli.command;

import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code outpost accounts list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the connected accounts.")
final class AccountsListCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    private final Backend backend;
    private final Output output;

    @Inject
    AccountsListCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        List<AccountView> accounts = core.accounts().list().stream().map(AccountView::of).toList();
        output.result(accounts, accounts.isEmpty() ? "No account is connected; connect one with "
                + AccountChoice.connectCommand(core) + "."
                : accounts.stream().map(AccountView::line).collect(Collectors.joining("\n")));
        return 0;
    }
}
