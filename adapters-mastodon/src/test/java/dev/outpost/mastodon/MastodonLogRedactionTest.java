package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** All log output of a full run, at DEBUG with Feign's FULL wire log, holds no token, code, verifier or secret. */
class MastodonLogRedactionTest {
    private final Capture capture = new Capture();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level previous;
    private Sandbox sandbox;

    @TempDir
    Path dir;

    /** Keeps each event's formatted message and its exception's messages. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
    }

    @BeforeEach
    void captureEverything() {
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.addAppender(capture);
        sandbox = new Sandbox();
    }

    @AfterEach
    void restore() {
        sandbox.close();
        root.detachAppender(capture);
        root.setLevel(previous);
    }

    @Test
    void noSecretReachesTheLogs() {
        FullRun run = new FullRun(sandbox, sandbox.context(), dir);

        List<String> secrets = run.secrets.stream().filter(Objects::nonNull).toList();
        assertThat(secrets).as("code, verifier, client secret, two tokens").hasSize(5);
        List<String> all;
        synchronized (capture.lines) {
            // the sandbox's server threads may still be logging
            all = List.copyOf(capture.lines);
        }
        List<String> ours = all.stream().filter(l -> !isServerSide(l)).toList();
        assertThat(ours).as("the wire log was written")
                .anyMatch(l -> l.contains("---> POST " + sandbox.mastodon.baseUrl() + "/api/v1/statuses"))
                .anyMatch(l -> l.contains("Authorization: Bearer ***"))
                .anyMatch(l -> l.contains("\"access_token\":\"***\""))
                .anyMatch(l -> l.contains("\"client_secret\":\"***\""))
                .anyMatch(l -> l.contains("\"code_verifier\":\"***\""))
                .anyMatch(l -> l.contains("(multipart body streamed from the media file, not shown)"));
        for (String secret : secrets) {
            assertThat(ours.stream().filter(line -> line.contains(secret))
                    .map(line -> line.substring(0, line.indexOf(' '))).distinct().toList())
                    .as("loggers that wrote a secret of %d characters", secret.length()).isEmpty();
        }
    }

    /**
     * The emulated Mastodon server (its Jetty, Javalin and request pipeline) logs what a server would see: it is not Outpost's
     * output, and in production it does not run.
     */
    private static boolean isServerSide(String line) {
        return line.startsWith("org.eclipse.jetty") || line.startsWith("io.javalin")
                || line.startsWith("dev.outpost.mastodonsandbox");
    }
}
