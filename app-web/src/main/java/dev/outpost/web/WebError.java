package dev.outpost.web;

import dev.outpost.application.Problem;
import java.util.List;

/**
 * A request the web app refuses, with the status to answer and a message for the user (no secrets, no internals);
 * rendered as JSON for the API and as a page otherwise, in one place ({@link WebApp}).
 */
final class WebError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient List<Problem> problems;

    WebError(int status, String message) {
        this(status, message, List.of());
    }

    WebError(int status, String message, List<Problem> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    int status() {
        return status;
    }

    List<Problem> problems() {
        return problems == null ? List.of() : problems;
    }
}
