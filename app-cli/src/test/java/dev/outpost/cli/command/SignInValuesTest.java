package dev.outpost.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.Console;
import dev.outpost.cli.OutpostCli;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.cli.runtime.Output;
import dev.outpost.cli.runtime.Terminal;
import dev.outpost.ports.platform.SignInField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the command line takes a plugin's sign-in fields without knowing the platform. */
class SignInValuesTest {
    private static final SignInField SERVER = new SignInField("server", "Server", "", false, true, null);
    private static final SignInField HANDLE = new SignInField("handle", "Handle", "", false, false, null);
    private static final SignInField PASSWORD = new SignInField("app-password", "App password", "", true, true,
            "OUTPOST_EXAMPLE_APP_PASSWORD");

    @TempDir
    Path home;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> asked = new ArrayList<>();

    @Test
    void fieldsFollowThePlatformAsOptionsInAnyOfThreeForms() {
        AccountsAddCommand add = parse("accounts", "add", "example", "--server", "https://social.example",
                "--handle=ada", "--no-browser", "--field", "app-password=s3cret", "--json");
        assertThat(add.platform).isEqualTo("example");
        assertThat(add.noBrowser).isTrue();
        assertThat(SignInValues.given(add.fieldArgs, add.fieldOptions)).containsExactly(
                entry("server", "https://social.example"), entry("handle", "ada"), entry("app-password", "s3cret"));
    }

    @Test
    void importTakesTheSameForms() {
        CommandLine.ParseResult parsed = commandLine().parseArgs("accounts", "import", "example", "--access-token",
                "-", "--expires-in", "30");
        AccountsImportCommand command = (AccountsImportCommand) parsed.subcommand().subcommand().commandSpec()
                .userObject();
        assertThat(SignInValues.given(command.fieldArgs, command.fieldOptions)).containsExactly(
                entry("access-token", "-"), entry("expires-in", "30"));
    }

    @Test
    void aBareWordAMissingValueOrATwiceGivenFieldIsBadInput() {
        assertThatThrownBy(() -> SignInValues.given(List.of("stray"), Map.of()))
                .isInstanceOf(OutpostException.class).hasMessageContaining("'stray' is neither an option nor a field");
        assertThatThrownBy(() -> SignInValues.given(List.of("--server"), Map.of()))
                .hasMessageContaining("a value is missing after --server");
        assertThatThrownBy(() -> SignInValues.given(List.of("--server", "a"), Map.of("server", "b")))
                .hasMessageContaining("--server is given twice");
    }

    @Test
    void aKeyThatIsNoFieldOfTheMethodIsNamedWithTheFieldsItTakes() {
        assertThatThrownBy(() -> values("", Map.of()).resolve("Example's sign-in 'form'", List.of(SERVER, HANDLE),
                Map.of("colour", "red"))).isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("--colour");
                        assertThat(p.message()).isEqualTo("Example's sign-in 'form' takes no field 'colour'; it"
                                + " takes --server, --handle");
                    });
                });
    }

    @Test
    void dashReadsLinesOfStandardInputInTheFieldsOrder() {
        Map<String, String> values = values("pw\nhttps://one.example\n", Map.of()).resolve("sign-in",
                List.of(PASSWORD, SERVER), Map.of("server", "-", "app-password", "-"));
        assertThat(values).containsExactly(entry("app-password", "pw"), entry("server", "https://one.example"));
        assertThatThrownBy(() -> values("", Map.of()).resolve("sign-in", List.of(SERVER), Map.of("server", "-")))
                .hasMessageContaining("standard input ended before the Server");
    }

    @Test
    void aFieldLeftOutComesFromItsVariableThenFromTheTerminalSecretsWithoutEcho() {
        Map<String, String> fromVariable = values("", Map.of("OUTPOST_EXAMPLE_APP_PASSWORD", "from-env"))
                .resolve("sign-in", List.of(SERVER, HANDLE, PASSWORD), Map.of("server", " https://s.example "));
        assertThat(fromVariable).containsExactly(entry("server", "https://s.example"),
                entry("app-password", "from-env"));
        assertThat(asked).isEmpty();

        Map<String, String> typed = values("", Map.of()).resolve("sign-in", List.of(SERVER, HANDLE, PASSWORD),
                Map.of());
        assertThat(typed).containsExactly(entry("server", "typed Server"), entry("app-password",
                "typed App password"));
        // The optional handle is never asked for; the secret is asked for without echo.
        assertThat(asked).containsExactly("Server/shown", "App password/secret");
    }

    @Test
    void aRequiredFieldNobodyGaveSaysHowToGiveIt() {
        SignInValues noTerminal = new SignInValues(environment("", Map.of(), Terminal.NONE), output());
        assertThatThrownBy(() -> noTerminal.resolve("sign-in", List.of(PASSWORD), Map.of()))
                .isInstanceOfSatisfying(OutpostException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("--app-password");
                            assertThat(p.message()).isEqualTo("App password is required: give --app-password VALUE"
                                    + " (- reads it from standard input) or set OUTPOST_EXAMPLE_APP_PASSWORD");
                        }));
    }

    @Test
    void fieldsAreListedWithoutTheirValues() {
        assertThat(SignInValues.describe(PASSWORD)).isEqualTo("--app-password SECRET  App password (required)"
                + " [OUTPOST_EXAMPLE_APP_PASSWORD]");
        assertThat(SignInValues.view(HANDLE)).containsEntry("key", "handle").containsEntry("secret", false);
    }

    private SignInValues values(String stdin, Map<String, String> variables) {
        Terminal terminal = (label, secret) -> {
            asked.add(label + (secret ? "/secret" : "/shown"));
            return Optional.of("typed " + label);
        };
        return new SignInValues(environment(stdin, variables, terminal), output());
    }

    private Environment environment(String stdin, Map<String, String> variables, Terminal terminal) {
        return new Environment(variables, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, Console.CLOCK, ZoneOffset.UTC, terminal);
    }

    private Output output() {
        return new Output(environment("", Map.of(), Terminal.NONE), new GlobalOptions());
    }

    private CommandLine commandLine() {
        return OutpostCli.commandLine(OutpostCli.wiring(new Console(home).environment, Map.of(), Map.of()));
    }

    private AccountsAddCommand parse(String... args) {
        return (AccountsAddCommand) commandLine().parseArgs(args).subcommand().subcommand().commandSpec()
                .userObject();
    }
}
