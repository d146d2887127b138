package dev.outpost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.outpost.cli.runtime.GlobalOptions;
import org.slf4j.LoggerFactory;

/**
 * Sets how much is logged, once the flags are known: Outpost's own warnings by default, its errors only with
 * {@code --quiet}, and with {@code --verbose} its debug lines and the libraries' logs (with their stack traces). Without
 * {@code --verbose} the libraries say nothing: a failure reaches the user once, as the command's one line. Logs always
 * go to standard error (see {@link LogConfigurator}).
 */
final class Logging {
    private Logging() {
    }

    static void configure(GlobalOptions options) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(options.verbose() ? Level.INFO : Level.OFF);
        context.getLogger(LogConfigurator.OUTPOST).setLevel(options.verbose() ? Level.DEBUG
                : options.quiet() ? Level.ERROR : Level.WARN);
    }
}
