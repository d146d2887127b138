package dev.outpost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The command line's logging set-up, in code so that no XML is parsed at each start: standard error only (standard
 * output carries results), Outpost's own warnings and nothing from the libraries, unless {@link Logging} changes
 * the levels for {@code --verbose} or {@code --quiet}. Found by logback through {@code META-INF/services}. A file
 * named by the {@code logback.configurationFile} system property (for example in {@code JAVA_OPTS}) still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    /** Outpost's own loggers, which warn by default. */
    static final String OUTPOST = "dev.outpost";
    /** db-scheduler warns at every start that it assumes zone-aware timestamps, which the storage schema has. */
    static final String DB_SCHEDULER_UTC_WARNING =
            "com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization.utc_warning";

    public LogConfigurator() {
        // for ServiceLoader
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback's own status messages stay silent.
        context.getStatusManager().add(new NopStatusListener());

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setParent(appender);
        encoder.setPattern(PATTERN);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();

        context.getLogger(DB_SCHEDULER_UTC_WARNING).setLevel(Level.ERROR);
        // The libraries speak only with --verbose (Logging): their warnings come with stack traces, and what matters
        // reaches the user as the command's own message.
        context.getLogger(OUTPOST).setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.OFF);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
