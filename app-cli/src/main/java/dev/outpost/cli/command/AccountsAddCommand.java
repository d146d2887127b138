package dev.outpost.cli.command;

import dev.outpost.application.ConnectAccount;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.cli.render.AccountView;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.ConfigKeys;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.domain.account.Account;
import dev.outpost.ports.platform.SignInMethod;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code outpost accounts add PLATFORM}: connects an account by one of the sign-in methods the platform's plugin
 * offers, rendered without knowing the platform. A browser method is finished by a loopback redirect; a method of
 * fields connects at once.
 */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect an account by one of its platform's sign-in methods (--list-methods shows them).",
            "A browser sign-in prints an address to open in a browser (and tries to open it), then waits for the"
                + " platform to send the browser back to http://127.0.0.1:PORT/callback: register that callback URI"
                + " with your app on the platform (the default is http://127.0.0.1:8765/callback).",
            "A sign-in with fields takes them after the platform as --KEY VALUE (or --field KEY=VALUE); - reads a"
                + " value from standard input. A field left out is read from its environment variable, and a required"
                + " one is asked for on the terminal, a secret without echo."})
final class AccountsAddCommand implements Callable<Integer> {
    private static final String OWNER = "cli";

    @Mixin
    GlobalFlags flags;

    @Parameters(index = "0", paramLabel = "PLATFORM", completionCandidates = PlatformIds.class,
            description = "The platform: ${COMPLETION-CANDIDATES}.")
    String platform;

    @Option(names = "--method", paramLabel = "ID",
            description = "The sign-in method (default: the platform's first; see --list-methods).")
    String method;

    @Option(names = "--field", paramLabel = "KEY=VALUE",
            description = "A field of the sign-in method (repeatable); the same as --KEY VALUE.")
    Map<String, String> fieldOptions;

    @Option(names = "--list-methods", description = "Only list the platform's sign-in methods and their fields.")
    boolean listMethods;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ConfigKeys.DEFAULT_CALLBACK_PORT,
            description = "Port of the loopback callback of a browser sign-in (default ${DEFAULT-VALUE}; 0 picks a"
                    + " free one, which the platform refuses unless registered).")
    int port;

    @Option(names = "--no-browser", description = "Only print the address, for machines without a browser: open it"
            + " on a machine that can reach this one's 127.0.0.1 (for example through ssh -L PORT:127.0.0.1:PORT).")
    boolean noBrowser;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the browser (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** The method's fields, as --KEY VALUE: their keys are the plugin's. */
    @Unmatched
    List<String> fieldArgs = new ArrayList<>();

    private final Backend backend;
    private final Output output;
    private final Environment environment;

    @Inject
    AccountsAddCommand(Backend backend, Output output, Environment environment) {
        this.backend = backend;
        this.output = output;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Map<String, String> given = SignInValues.given(fieldArgs, fieldOptions);
        OutpostCore core = backend.core();
        String name = core.platforms().platform(platform).displayName();
        ConnectAccount connect = core.connectAccount();
        List<SignInMethod> methods = backend.withConfigurationHint(() -> connect.methods(platform));
        if (listMethods) {
            return list(name, methods);
        }
        SignInMethod chosen = chosen(name, methods);
        Map<String, String> fields = new SignInValues(environment, output).resolve(name + "'s sign-in '"
                + chosen.id() + "'", chosen.fields(), given);
        Account account = chosen.redirect() ? throughBrowser(connect, chosen, fields)
                : connected(connect.start(platform, chosen.id(), fields,
                        URI.create(ConfigKeys.redirectUri(port)), OWNER));
        output.result(AccountView.of(account), "Connected @" + account.handle() + " (" + account.id() + ").");
        return 0;
    }

    private SignInMethod chosen(String name, List<SignInMethod> methods) {
        if (method == null) {
            return methods.get(0);
        }
        return methods.stream().filter(m -> m.id().equals(method)).findFirst().orElseThrow(() ->
                OutpostException.invalid("--method", name + " has no sign-in method '" + method + "'; it offers "
                        + String.join(", ", methods.stream().map(SignInMethod::id).toList())));
    }

    private Account throughBrowser(ConnectAccount connect, SignInMethod chosen, Map<String, String> fields) {
        try (LoopbackCallback callback = LoopbackCallback.listen(port, params -> connect.complete(params, OWNER))) {
            URI redirect = callback.redirectUri();
            var sandbox = backend.sandbox();
            sandbox.ifPresent(s -> s.allowRedirect(redirect));
            ConnectAccount.Started started = connect.start(platform, chosen.id(), fields, redirect, OWNER);
            if (started instanceof ConnectAccount.Started.Connected done) {
                return done.account();
            }
            URI address = ((ConnectAccount.Started.Redirect) started).authorizationUrl();
            output.warn("Open this address in a browser and allow Outpost to post for you:");
            output.warn("  " + address);
            if (sandbox.isPresent()) {
                // The embedded sandbox approves at once: play the browser's part so the demo finishes by itself.
                followInBackground(address);
            } else if (!noBrowser && !BrowserOpener.open(address)) {
                output.note("(No browser could be opened here; open the address yourself.)");
            }
            output.note("Waiting for the browser to come back to " + redirect + " …");
            return callback.await(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        }
    }

    private static Account connected(ConnectAccount.Started started) {
        if (started instanceof ConnectAccount.Started.Connected done) {
            return done.account();
        }
        // A method that declared no redirect asked for one: nothing listens for its callback.
        throw new OutpostException(OutpostException.Kind.FAILED, "the platform asked to continue in a browser, which"
                + " this sign-in method did not announce; try another --method");
    }

    private Integer list(String name, List<SignInMethod> methods) {
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder text = new StringBuilder(name + " offers:");
        for (SignInMethod m : methods) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", m.id());
            view.put("label", m.label());
            view.put("redirect", m.redirect());
            view.put("fields", m.fields().stream().map(SignInValues::view).toList());
            json.add(view);
            text.append("\n  --method ").append(m.id()).append("  ").append(m.label())
                    .append(m.redirect() ? " (in a browser)" : "");
            m.fields().forEach(f -> text.append("\n      ").append(SignInValues.describe(f)));
        }
        output.result(json, text.toString());
        return 0;
    }

    private static void followInBackground(URI address) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        client.sendAsync(HttpRequest.newBuilder(address).GET().build(), HttpResponse.BodyHandlers.discarding());
    }
}
