package dev.outpost.cli;

import dev.outpost.cli.command.OutpostCommand;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StoragePlugin;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command line over the run's {@link Wiring} and runs one invocation. */
public final class OutpostCli {
    /** The exit codes, shown in every command's help and documented in the README. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private OutpostCli() {
    }

    /**
     * Runs one command line.
     *
     * @param platforms the platform plugins found, by id (already checked: no duplicate ids)
     * @param storages the storage plugins found, by id
     * @return the exit code
     */
    public static int run(String[] args, Environment environment, Map<String, PlatformPlugin> platforms,
            Map<String, StoragePlugin> storages) {
        Wiring wiring = wiring(environment, platforms, storages);
        Backend backend = wiring.get(Backend.class);
        // Ctrl-C and kill still close the database and the queue cleanly; close() is idempotent.
        Thread closer = new Thread(backend::close, "outpost-close");
        Runtime.getRuntime().addShutdownHook(closer);
        // The hook races the database's own: give up claims before any hook starts, so no other run must wait.
        StopSignals.releaseFirst(backend::releaseClaims);
        try {
            return commandLine(wiring, args).execute(args);
        } finally {
            backend.close();
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing left to undo.
            }
        }
    }

    /** The object graph of one run. */
    public static Wiring wiring(Environment environment, Map<String, PlatformPlugin> platforms,
            Map<String, StoragePlugin> storages) {
        return new Wiring(environment, platforms, storages);
    }

    /** The configured command line with every command; public to tests of parsing and help. */
    public static CommandLine commandLine(Wiring wiring) {
        return commandLine(wiring, new String[0]);
    }

    /**
     * The configured command line for {@code args}: with only the command they name, when they name one (picocli
     * makes every command it is given, with its options: a third of a short run's start, when it made them all),
     * else with all (help, completion, and a mistyped command's suggestions list them).
     */
    static CommandLine commandLine(Wiring wiring, String[] args) {
        Environment environment = wiring.get(Environment.class);
        ErrorHandler errors = wiring.get(ErrorHandler.class);
        GlobalOptions options = wiring.get(GlobalOptions.class);
        CommandLine commandLine = new CommandLine(OutpostCommand.class, wiring);
        String named = commandNamed(args);
        for (Class<?> command : OutpostCommand.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            if (named == null || named.equals(name)) {
                commandLine.addSubcommand(name, new CommandLine(command, wiring));
            }
        }
        commandLine.setOut(new PrintWriter(environment.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(environment.err(), true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionStrategy(parsed -> {
            Logging.configure(options);
            return new CommandLine.RunLast().execute(parsed);
        });
        describeExitCodes(commandLine);
        return commandLine;
    }

    /**
     * The command the arguments name (the first that is not an option: the global flags take no value), or null
     * when they name none that runs alone: help and completion list every command.
     */
    private static String commandNamed(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("help") || arg.equals("completion") ? null : arg;
            }
        }
        return null;
    }

    private static void describeExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        commandLine.getSubcommands().values().forEach(OutpostCli::describeExitCodes);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Success.");
        codes.put("1", "Anything else: network, storage, retries exhausted, an unexpected error.");
        codes.put("2", "Bad input or usage: the message names the option, file or setting to fix.");
        codes.put("3", "The account needs (re)authorization: outpost accounts add PLATFORM.");
        codes.put("4", "The platform refused (the media, the text, a rate limit).");
        codes.put("5", "Outcome unconfirmed: the post may exist; Outpost checks before trying again.");
        return java.util.Collections.unmodifiableMap(codes);
    }
}
