package dev.outpost.web;

import dev.outpost.application.boot.OutpostConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Real apps for the tests: the embedded database under target/, the embedded X sandbox over loopback, the queue
 * polling fast.
 * One shared sandbox-mode app serves the browser and security tests (started once, closed when the JVM ends).
 */
final class TestApp {
    static final String PASSWORD = "correct horse battery staple";
    private static OutpostWeb shared;

    private TestApp() {
    }

    static synchronized OutpostWeb shared() {
        if (shared == null) {
            LogCapture.install();
            shared = start(freshHome("shared"), Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static OutpostWeb start(Path home, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put(WebSettings.PORT, "0");
        values.put(WebSettings.PASSWORD, PASSWORD);
        values.put("OUTPOST_JOB_POLL_INTERVAL", "PT0.3S");
        values.putAll(extra);
        return OutpostWeb.start(OutpostConfig.of(home, values), Clock.systemUTC());
    }

    /** An app whose admin password is still to be chosen (the setup page). */
    static OutpostWeb startWithoutPassword(Path home) {
        Map<String, String> values = new HashMap<>();
        values.put(WebSettings.PORT, "0");
        values.put("OUTPOST_JOB_POLL_INTERVAL", "PT0.3S");
        return OutpostWeb.start(OutpostConfig.of(home, values), Clock.systemUTC());
    }

    static Path freshHome(String name) {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-homes"));
            return Files.createTempDirectory(root.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
