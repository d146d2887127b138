package dev.outpost.cli.runtime;

import java.io.Console;
import java.util.Optional;

/**
 * Asks the person at the terminal for a value the command line lacks (a sign-in field), a secret without echo. A run
 * without a terminal (a script, a pipe, a test) has no one to ask: {@link #NONE} answers nothing, and the command
 * says which option or environment variable gives the value instead.
 */
@FunctionalInterface
public interface Terminal {
    /** No one to ask. */
    Terminal NONE = (label, secret) -> Optional.empty();

    /**
     * @param label what to ask for, as the platform's plugin names it
     * @param secret whether the answer must not be echoed
     * @return the answer, or empty when there is no terminal (or the input ended)
     */
    Optional<String> ask(String label, boolean secret);

    /** The process's console, when it has one. */
    static Terminal system() {
        return (label, secret) -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            if (secret) {
                char[] typed = console.readPassword("%s (not shown): ", label);
                return typed == null ? Optional.empty() : Optional.of(new String(typed));
            }
            return Optional.ofNullable(console.readLine("%s: ", label));
        };
    }
}
