package dev.outpost.cli.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.outpost.application.Problem;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's words go. Results go to standard output, as text or (with {@code --json}) as one JSON document
 * per result; notes, progress and errors go to standard error, so a pipe only ever sees results. {@code --quiet}
 * keeps the notes back, never the result nor an error. Thread-safe.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final GlobalOptions options;

    public Output(Environment environment, GlobalOptions options) {
        this.out = environment.out();
        this.err = environment.err();
        this.options = options;
    }

    /** Prints a result: {@code json} as JSON with {@code --json}, else {@code text} (nothing when null). */
    public synchronized void result(Object json, String text) {
        if (options.json()) {
            out.println(toJson(json));
        } else if (text != null) {
            out.println(text);
        }
        out.flush();
    }

    /** A line for the person watching, on standard error; held back by {@code --quiet}. */
    public synchronized void note(String line) {
        if (!options.quiet()) {
            err.println(line);
            err.flush();
        }
    }

    /** A line that must be seen even with {@code --quiet}, on standard error. */
    public synchronized void warn(String line) {
        err.println(line);
        err.flush();
    }

    /** Reports a failure: one line (and one per problem) on standard error, and with {@code --json} on standard output. */
    public synchronized void failure(Failure failure) {
        List<Problem> problems = failure.problems();
        if (problems.size() > 1) {
            err.println("outpost: " + problems.size() + " problems, nothing was uploaded:");
            // A target's problem names its target ("Bluesky @alice.test, post 2: …"): its field path would be noise.
            problems.forEach(problem -> err.println("  " + (problem.field().startsWith("targets[") ? problem.message()
                    : problem.toString())));
        } else {
            err.println("outpost: " + failure.message());
        }
        err.flush();
        if (options.json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("kind", failure.kind());
            error.put("exitCode", failure.exitCode());
            error.put("message", failure.message());
            error.put("problems", problems.stream().map(p -> new ProblemView(p.field(), p.message())).toList());
            out.println(toJson(Map.of("error", error)));
            out.flush();
        }
    }

    /** A problem as JSON shows it: the field first. */
    private record ProblemView(String field, String message) {
    }

    public PrintStream err() {
        return err;
    }

    public GlobalOptions options() {
        return options;
    }

    private String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** Built on first use: most runs print no JSON, and building the mapper loads a few hundred classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
