package dev.outpost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.outpost.cli.runtime.GlobalOptions;
import org.slf4j.LoggerFactory;

/**
 * Sets how much is logged, once the flags are known: warnings by default, errors only with {@code --quiet}, and
 * Outpost's own debug lines with {@code --verbose}. Logs always go to standard error (see {@link LogConfigurator}).
 */
final class Logging {
    private Logging() {
    }

    static void configure(GlobalOptions options) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level root = options.verbose() ? Level.INFO : options.quiet() ? Level.ERROR : Level.WARN;
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(root);
        context.getLogger("dev.outpost").setLevel(options.verbose() ? Level.DEBUG : root);
    }
}
