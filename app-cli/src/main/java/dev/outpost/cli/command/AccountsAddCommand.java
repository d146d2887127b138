package dev.outpost.cli.command;

import dev.outpost.application.ConnectAccount;
import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.ConfigKeys;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outpost accounts add x}: the OAuth 2.0 dance, finished by a loopback redirect. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Connect an account: prints an address to open in a browser (and tries to open it), then waits"
                + " for the platform to send the browser back to http://127.0.0.1:PORT/callback.",
            "Register that callback URI with your X app (the default is http://127.0.0.1:8765/callback)."})
final class AccountsAddCommand implements Callable<Integer> {
    private static final String OWNER = "cli";

    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "PLATFORM", description = "The platform: x.")
    String platform;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ConfigKeys.DEFAULT_CALLBACK_PORT,
            description = "Port of the loopback callback (default ${DEFAULT-VALUE}; 0 picks a free one, which X will"
                    + " refuse unless registered).")
    int port;

    @Option(names = "--no-browser", description = "Only print the address, for machines without a browser: open it"
            + " on a machine that can reach this one's 127.0.0.1 (for example through ssh -L PORT:127.0.0.1:PORT).")
    boolean noBrowser;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the browser (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private final Backend backend;
    private final Output output;

    @Inject
    AccountsAddCommand(Backend backend, Output output) {
        this.backend = backend;
        this.output = output;
    }

    @Override
    public Integer call() {
        var core = backend.core();
        core.platforms().get(platform);
        ConnectAccount connect = core.connectAccount();
        try (LoopbackCallback callback = LoopbackCallback.listen(port,
                (state, code, error) -> connect.complete(state, code, error, OWNER))) {
            URI redirect = callback.redirectUri();
            var sandbox = backend.sandbox();
            sandbox.ifPresent(s -> s.allowRedirect(redirect));
            ConnectAccount.Started started = connect.start(platform, redirect, OWNER);
            URI address = started.authorizationUrl();
            output.warn("Open this address in a browser and allow Outpost to post for you:");
            output.warn("  " + address);
            if (sandbox.isPresent()) {
                // The embedded sandbox approves at once: play the browser's part so the demo finishes by itself.
                followInBackground(address);
            } else if (!noBrowser && !BrowserOpener.open(address)) {
                output.note("(No browser could be opened here; open the address yourself.)");
            }
            output.note("Waiting for the browser to come back to " + redirect + " …");
            Account account = callback.await(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
            output.result(AccountView.of(account), "Connected @" + account.handle() + " (" + account.id() + ").");
            return 0;
        }
    }

    private static void followInBackground(URI address) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        client.sendAsync(HttpRequest.newBuilder(address).GET().build(), HttpResponse.BodyHandlers.discarding());
    }
}
