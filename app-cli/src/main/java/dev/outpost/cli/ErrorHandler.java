package dev.outpost.cli;

import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Failure;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.cli.runtime.Output;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Turns what went wrong into one clear message and an exit code: a malformed command line (2, with a hint), or an
 * exception from a command (mapped by {@link Failure}). Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final Output output;
    private final GlobalOptions options;
    private final Environment environment;

    ErrorHandler(Output output, GlobalOptions options, Environment environment) {
        this.output = output;
        this.options = options;
        this.environment = environment;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Failure failure = Failure.of(error);
        output.failure(failure);
        if (options.verbose()) {
            error.printStackTrace(environment.err());
        }
        return failure.exitCode();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        output.failure(Failure.usage(error.getMessage()));
        PrintWriter err = new PrintWriter(environment.err(), true, StandardCharsets.UTF_8);
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
