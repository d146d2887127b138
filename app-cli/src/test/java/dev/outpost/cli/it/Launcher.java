package dev.outpost.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the launcher the build produced ({@code app-cli/target/outpost}) as a separate process, with an environment
 * of the test's making (no OUTPOST_* variable of the machine leaks in), its output captured in files.
 */
final class Launcher {
    static final Path SCRIPT = Path.of(System.getProperty("outpost.launcher", "target/outpost")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Launcher() {
    }

    /** A finished run. */
    record Run(List<String> args, int exit, String stdout, String stderr) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + this, e);
            }
        }

        /** The last line of standard output (the result of a human-readable run). */
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }

        Run expectExit(int code) {
            assertThat(exit).as("exit code of %s", this).isEqualTo(code);
            return this;
        }

        @Override
        public String toString() {
            return "outpost " + String.join(" ", args) + " -> exit " + exit + "\n--- stdout:\n" + stdout
                    + "\n--- stderr:\n" + stderr;
        }
    }

    /** A run still going, for tests that act while it runs. */
    static final class Started {
        private final List<String> args;
        private final Process process;
        private final Path out;
        private final Path err;

        private Started(List<String> args, Process process, Path out, Path err) {
            this.args = args;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        Process process() {
            return process;
        }

        Path stdoutFile() {
            return out;
        }

        String stderrSoFar() {
            return read(err);
        }

        /** Waits for a line of standard error that matches, while the process runs. */
        String awaitStderrLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (String line : read(err).split("\n")) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the process ended before printing the line: " + finish(Duration.ZERO));
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new AssertionError("no such line within " + timeout + ": " + finish(Duration.ofSeconds(5)));
        }

        Run finish(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("outpost " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stdout:\n" + read(out) + "\n--- stderr:\n" + read(err));
            }
            return new Run(args, process.exitValue(), read(out), read(err));
        }

        /** SIGKILL: no shutdown hook, no cleanup, as a crash or an OOM killer would. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    static Run run(Map<String, String> environment, String... args) throws InterruptedException {
        return start(environment, null, args).finish(Duration.ofMinutes(3));
    }

    static Run runWithInput(Map<String, String> environment, String input, String... args)
            throws InterruptedException {
        return start(environment, input, args).finish(Duration.ofMinutes(3));
    }

    static Started start(Map<String, String> environment, String input, String... args) {
        return start(List.of(), environment, input, args);
    }

    /** @param prefix a command the launcher runs under (such as setpriv to drop root), or empty */
    static Started start(List<String> prefix, Map<String, String> environment, String input, String... args) {
        assertThat(SCRIPT).as("the launcher the build makes").isExecutable();
        List<String> command = new ArrayList<>(prefix);
        command.add(SCRIPT.toString());
        command.addAll(Arrays.asList(args));
        return startCommand(command, environment, input, Arrays.asList(args));
    }

    /** Starts {@code command} (the launcher, or another program) as {@link #start} does. */
    static Started startCommand(List<String> command, Map<String, String> environment, String input,
            List<String> args) {
        try {
            Path out = Files.createTempFile("outpost-out-", ".txt");
            Path err = Files.createTempFile("outpost-err-", ".txt");
            out.toFile().setReadable(true, false);
            out.toFile().setWritable(true, false);
            err.toFile().setReadable(true, false);
            err.toFile().setWritable(true, false);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("OUTPOST_") || key.equals("JAVA_OPTS"));
            builder.environment().putAll(environment);
            if (input == null) {
                builder.redirectInput(new File("/dev/null"));
            }
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
            }
            return new Started(args, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
