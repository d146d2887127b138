package dev.outpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.StatusListener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The logging set-up in code does what the XML file it replaced did, and logback finds it. */
class LogConfiguratorTest {
    /** app-cli's logback.xml before it became {@link LogConfigurator}, with the libraries silenced since. */
    private static final String FORMER_XML = """
            <configuration>
              <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern>
                </encoder>
              </appender>
              <logger name="com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization.utc_warning"
                  level="ERROR"/>
              <logger name="dev.outpost" level="WARN"/>
              <root level="OFF">
                <appender-ref ref="STDERR"/>
              </root>
            </configuration>
            """;

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(LogConfigurator.class);
    }

    @Test
    void configuresWhatTheFormerXmlDid() throws Exception {
        LoggerContext inCode = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(inCode);
        assertThat(configurator.configure(inCode)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(new ByteArrayInputStream(FORMER_XML.getBytes(StandardCharsets.UTF_8)));

        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "dev.outpost", "dev.outpost.x.XHttpClient", "org.h2",
                LogConfigurator.DB_SCHEDULER_UTC_WARNING, "com.github.kagkarlsson.scheduler.Scheduler")) {
            assertThat(inCode.getLogger(name).getEffectiveLevel()).as(name)
                    .isEqualTo(fromXml.getLogger(name).getEffectiveLevel());
        }
        assertThat(inCode.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.OFF);
        assertThat(inCode.getLogger("dev.outpost.storage.H2Import").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(inCode.getLogger(LogConfigurator.DB_SCHEDULER_UTC_WARNING).getLevel()).isEqualTo(Level.ERROR);
        assertThat(listeners(inCode)).isEqualTo(listeners(fromXml)).isNotEmpty();

        ConsoleAppender<ILoggingEvent> code = onlyAppender(inCode);
        ConsoleAppender<ILoggingEvent> xml = onlyAppender(fromXml);
        assertThat(code.getName()).isEqualTo(xml.getName()).isEqualTo("STDERR");
        assertThat(code.getTarget()).isEqualTo(xml.getTarget()).isEqualTo("System.err");
        assertThat(code.isStarted()).isEqualTo(xml.isStarted()).isTrue();
        PatternLayoutEncoder codeEncoder = (PatternLayoutEncoder) code.getEncoder();
        PatternLayoutEncoder xmlEncoder = (PatternLayoutEncoder) xml.getEncoder();
        assertThat(codeEncoder.getPattern()).isEqualTo(xmlEncoder.getPattern());
        LoggingEvent event = new LoggingEvent("test", inCode.getLogger("dev.outpost.storage.JdbcStores"), Level.WARN,
                "the {} is {}", null, new Object[] {"schema", "current"});
        assertThat(new String(codeEncoder.encode(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(xmlEncoder.encode(event), StandardCharsets.UTF_8))
                .endsWith(" WARN  d.o.storage.JdbcStores - the schema is current" + System.lineSeparator());
    }

    @Test
    void leavesAFileNamedOnTheCommandLineToLogback() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        try {
            LoggerContext context = new LoggerContext();
            LogConfigurator configurator = new LogConfigurator();
            configurator.setContext(context);
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
            if (before != null) {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }

    private static List<Class<?>> listeners(LoggerContext context) {
        List<Class<?>> types = new ArrayList<>();
        for (StatusListener listener : context.getStatusManager().getCopyOfStatusListenerList()) {
            types.add(listener.getClass());
        }
        return types;
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> onlyAppender(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).hasSize(1).first().isInstanceOf(ConsoleAppender.class);
        return (ConsoleAppender<ILoggingEvent>) appenders.get(0);
    }
}
