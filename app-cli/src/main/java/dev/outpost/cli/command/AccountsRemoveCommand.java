package dev.outpost.cli.command;

import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code outpost accounts remove NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Revoke Outpost's access at the platform (when it still answers) and forget the account and its"
                + " tokens.")
final class AccountsRemoveCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "NAME", description = "The account: @handle, handle or id (PLATFORM:…, as accounts list shows).")
    String name;

    private final Backend backend;
    private final Output output;

    @Inject
    AccountsRemoveCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        Account account = AccountChoice.choose(core, name);
        core.connectAccount().disconnect(account.id());
        output.result(Map.of("removed", AccountView.of(account)), "Removed @" + account.handle() + " ("
                + account.id() + ").");
        return 0;
    }
}
