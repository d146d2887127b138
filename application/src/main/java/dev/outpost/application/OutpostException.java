package dev.outpost.application;

import java.util.List;
import java.util.Objects;

/**
 * A use case could not do what was asked. The {@link Kind} tells the apps how to present it (the CLI maps it to an
 * exit code); the message is one sentence for the user, naming the file or field and what to do.
 */
public final class OutpostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The outcome classes the user can act on differently. */
    public enum Kind {
        /** Bad input or usage: fix the command or the file. */
        INVALID_INPUT(2),
        /** The account must be connected again. */
        RECONNECT_NEEDED(3),
        /** The platform refused. */
        REFUSED(4),
        /** Whether it happened is not known yet. */
        UNCONFIRMED(5),
        /** Anything else. */
        FAILED(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final transient List<Problem> problems;

    public OutpostException(Kind kind, String message) {
        this(kind, message, List.of(), null);
    }

    public OutpostException(Kind kind, String message, Throwable cause) {
        this(kind, message, List.of(), cause);
    }

    public OutpostException(Kind kind, String message, List<Problem> problems, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problems = List.copyOf(problems);
    }

    /** Bad input, with every problem found. */
    public static OutpostException invalid(List<Problem> problems) {
        String message = problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems: " + String.join("; ", problems.stream().map(Problem::toString).toList());
        return new OutpostException(Kind.INVALID_INPUT, message, problems, null);
    }

    public static OutpostException invalid(String field, String message) {
        return invalid(List.of(new Problem(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    /** The individual problems of bad input, each tied to a field; empty for other kinds. */
    public List<Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
