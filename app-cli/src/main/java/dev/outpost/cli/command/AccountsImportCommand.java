package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.auth.TokenSet;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost accounts import x --access-token … --refresh-token … --expires-in …}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Store tokens obtained elsewhere (another OAuth 2.0 tool) for the account they belong to.",
            "Give '-' instead of a token to read it from standard input (one per line, access token first), so it"
                + " stays out of your shell history."})
final class AccountsImportCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "PLATFORM", description = "The platform: x.")
    String platform;

    @Option(names = "--access-token", required = true, paramLabel = "TOKEN", description = "The access token, or -.")
    String accessToken;

    @Option(names = "--refresh-token", paramLabel = "TOKEN",
            description = "The refresh token (granted with offline.access), or -. Without it the account must be"
                    + " connected again when the access token expires.")
    String refreshToken;

    @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "7200",
            description = "Seconds the access token has left (default: ${DEFAULT-VALUE}, X's two hours).")
    long expiresIn;

    @Option(names = "--scope", paramLabel = "SCOPE", split = "[ ,]",
            description = "Scopes granted (default: the ones Outpost asks for).")
    List<String> scopes;

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
    public Integer call() throws IOException {
        if (expiresIn < 1) {
            throw OutpostException.invalid("--expires-in", "the access token must have at least one second left;"
                    + " got " + expiresIn);
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
        String access = orStdin(accessToken, stdin, "--access-token");
        String refresh = refreshToken == null ? null : orStdin(refreshToken, stdin, "--refresh-token");
        if (access.isBlank()) {
            throw OutpostException.invalid("--access-token", "the access token is empty");
        }
        var core = backend.core();
        var target = core.platforms().get(platform);
        Set<String> granted = scopes == null || scopes.isEmpty() ? target.authorizer().scopes()
                : new LinkedHashSet<>(scopes);
        TokenSet tokens = TokenSet.issued(access.trim(), refresh == null ? null : refresh.trim(),
                backend.clock().instant().plusSeconds(expiresIn), granted);
        Account account = core.connectAccount().importTokens(platform, tokens);
        output.result(AccountView.of(account), "Imported @" + account.handle() + " (" + account.id() + ").");
        return 0;
    }

    private static String orStdin(String value, BufferedReader stdin, String option) throws IOException {
        if (!value.equals("-")) {
            return value;
        }
        String line = stdin.readLine();
        if (line == null) {
            throw OutpostException.invalid(option, "standard input ended before the token");
        }
        return line;
    }
}
