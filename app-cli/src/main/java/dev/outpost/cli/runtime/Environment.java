package dev.outpost.cli.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * What the process was given by the outside world: environment variables, the user's home, the standard streams,
 * whether standard error is a terminal that can redraw progress bars, the clock, the local time zone, and the terminal
 * to ask for a missing value. {@code Main} builds the real one; tests build their own.
 */
public record Environment(Map<String, String> variables, Path userHome, InputStream in, PrintStream out,
        PrintStream err, boolean interactive, Clock clock, ZoneId zone, Terminal terminal) {
    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(terminal, "terminal");
    }

    /** An environment with no one to ask. */
    public Environment(Map<String, String> variables, Path userHome, InputStream in, PrintStream out,
            PrintStream err, boolean interactive, Clock clock, ZoneId zone) {
        this(variables, userHome, in, out, err, interactive, clock, zone, Terminal.NONE);
    }
}
