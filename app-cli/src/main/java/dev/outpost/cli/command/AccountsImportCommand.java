package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.ports.platform.SignInField;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code outpost accounts import PLATFORM --KEY VALUE…}: connects an account with credentials made elsewhere, by the
 * fields the platform's plugin declares for it.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect an account with credentials obtained elsewhere (a token made with another tool), for"
                + " platforms that take them; --list-fields shows what the platform asks for.",
            "Give the fields after the platform as --KEY VALUE (or --field KEY=VALUE). Give '-' instead of a value to"
                + " read it from standard input (one line per field, in the order --list-fields shows), so it stays"
                + " out of your shell history. A field left out is read from its environment variable, and a required"
                + " one is asked for on the terminal, a secret without echo."})
final class AccountsImportCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "PLATFORM", completionCandidates = PlatformIds.class,
            description = "The platform: ${COMPLETION-CANDIDATES}.")
    String platform;

    @Option(names = "--field", paramLabel = "KEY=VALUE",
            description = "A field of the import (repeatable); the same as --KEY VALUE.")
    Map<String, String> fieldOptions;

    @Option(names = "--list-fields", description = "Only list the fields the platform takes.")
    boolean listFields;

    /** The import's fields, as --KEY VALUE: their keys are the plugin's. */
    @Unmatched
    List<String> fieldArgs = new ArrayList<>();

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    AccountsImportCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Map<String, String> given = SignInValues.given(fieldArgs, fieldOptions);
        OutpostCore core = backend.core();
        String name = core.platforms().platform(platform).displayName();
        List<SignInField> fields = core.connectAccount().importFields(platform);
        if (listFields) {
            StringBuilder text = new StringBuilder(fields.isEmpty() ? name + " takes no imported credentials;"
                    + " connect the account with `outpost accounts add " + platform + "`" : name + " takes:");
            fields.forEach(f -> text.append("\n  ").append(SignInValues.describe(f)));
            output.result(fields.stream().map(SignInValues::view).toList(), text.toString());
            return 0;
        }
        Map<String, String> values = new SignInValues(environment, output).resolve(name + "'s credential import",
                fields, given);
        Account account = core.connectAccount().importCredentials(platform, values);
        output.result(AccountView.of(account), "Imported @" + account.handle() + " (" + account.id() + ").");
        return 0;
    }
}
