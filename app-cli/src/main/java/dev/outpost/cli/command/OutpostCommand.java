package dev.outpost.cli.command;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code outpost}: the root, which only lists the commands. */
@Command(name = "outpost", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Publish posts with images and videos to the platforms whose plugins are installed (accounts"
                + " add --help lists them): the uploads, retries and resumes are Outpost's job.",
        footerHeading = "%nConfiguration: environment variables, or the same keys in <home>/config.properties%n",
        footer = {
            "  OUTPOST_HOME              data directory (default ~/.outpost)",
            "  OUTPOST_<PLATFORM>_...    each platform plugin's own settings (its app's",
            "                            client id, its API's address: see the README)",
            "  OUTPOST_SECRET_KEY        encrypts credentials at rest (default: a key file)",
            "  OUTPOST_STORAGE           sqlite (default), h2, or postgres",
            "                            (OUTPOST_JDBC_URL, OUTPOST_JDBC_USER,",
            "                            OUTPOST_JDBC_PASSWORD)",
            "  OUTPOST_CLAIM_LEASE_SECONDS  when a killed run may be resumed (30)",
            "A platform that signs in through the browser needs",
            "http://127.0.0.1:8765/callback registered as its app's callback URI.",
            "Posts scheduled with --at are published by `outpost worker` or the",
            "web app, which run the queue.",
            "Try it all without any account: outpost --sandbox post \"hi\" --media a.jpg"})
public final class OutpostCommand implements Callable<Integer> {
    /**
     * The commands, in the order help lists them. They are added by {@code OutpostCli} rather than named in the
     * annotation, so that a run builds only the one it executes (picocli would make every command and its options).
     */
    public static final List<Class<?>> COMMANDS = List.of(AccountsCommand.class, PostCommand.class, ThreadCommand.class,
            UploadCommand.class, PublicationsCommand.class, WorkerCommand.class, SandboxCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalFlags flags;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing");
    }
}
