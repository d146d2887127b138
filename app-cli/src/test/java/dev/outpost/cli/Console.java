package dev.outpost.cli;

import dev.outpost.cli.runtime.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Standard streams captured in memory, for in-process tests of parsing, help and error reporting. */
public final class Console {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-31T08:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final Environment environment;

    public Console(Path home) {
        environment = new Environment(Map.of("OUTPOST_HOME", home.toString()), home, new ByteArrayInputStream(
                new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, CLOCK, ZoneId.of("Europe/Paris"));
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs a command line with no plugin on the class path: enough for everything that opens no core. */
    public int run(String... args) {
        return OutpostCli.run(args, environment, Map.of(), Map.of());
    }
}
