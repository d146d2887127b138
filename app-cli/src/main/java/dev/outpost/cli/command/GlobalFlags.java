package dev.outpost.cli.command;

import dev.outpost.cli.runtime.GlobalOptions;
import jakarta.inject.Inject;
import picocli.CommandLine.Option;

/**
 * The flags every command takes, mixed into each one so they may be typed anywhere on the line. Each command gets
 * its own instance; all write into the one {@link GlobalOptions}.
 */
public final class GlobalFlags {
    private final GlobalOptions options;

    @Inject
    public GlobalFlags(GlobalOptions options) {
        this.options = options;
    }

    @Option(names = "--json", description = "Print results as JSON on standard output (progress and errors stay on"
            + " standard error).")
    void json(boolean on) {
        if (on) {
            options.enableJson();
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "Print only results and errors: no progress, no notes.")
    void quiet(boolean on) {
        if (on) {
            options.enableQuiet();
        }
    }

    @Option(names = {"-v", "--verbose"}, description = "Log what Outpost does on standard error, and show stack"
            + " traces of unexpected errors.")
    void verbose(boolean on) {
        if (on) {
            options.enableVerbose();
        }
    }

    @Option(names = "--sandbox", description = "Run against the sandbox (an emulated platform) started inside this"
            + " process, as a throwaway account, with data kept apart in <home>/sandbox: try everything without any"
            + " account.")
    void sandbox(boolean on) {
        if (on) {
            options.enableSandbox();
        }
    }
}
