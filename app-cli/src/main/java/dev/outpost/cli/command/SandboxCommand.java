package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.runtime.EmbeddedSandbox;
import dev.outpost.cli.runtime.Output;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.XSandbox;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost sandbox [--port N]}: the X API emulator in the foreground, for trying Outpost or another client. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run the X sandbox (an emulator of the X API v2: OAuth 2.0, media upload, posts, with fault"
                + " injection) in the foreground until Ctrl-C. It prints the settings that point Outpost at it.",
            "To run a single command against a throwaway sandbox instead, add --sandbox to that command."})
final class SandboxCommand implements Callable<Integer> {
    @Mixin
    GlobalFlags flags;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8089",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--auto-approve", description = "Approve authorizations at once instead of showing a consent page.")
    boolean autoApprove;

    @Option(names = "--redirect-uri", paramLabel = "URI",
            description = "More callback URIs the sandbox's app accepts (it accepts "
                    + SandboxConfig.DEFAULT_REDIRECT_URI + " already).")
    List<String> redirectUris = new ArrayList<>();

    @Option(names = "--fault", paramLabel = "RULE",
            description = "A fault to inject, ENDPOINT[@N][xM|x*]=ACTION, e.g. append@3=reset, tweets=drop,"
                    + " finalize@1x2=503 (repeatable).")
    List<String> faults = new ArrayList<>();

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0", description = "Delay added to every request.")
    long latencyMillis;

    @Option(names = "--bandwidth", paramLabel = "BYTES_PER_SECOND", defaultValue = "0",
            description = "Cap on how fast request bodies are read (0: none).")
    long bandwidth;

    private final Output output;

    @Inject
    SandboxCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws InterruptedException {
        XSandbox sandbox = start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "outpost-sandbox-stop"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", sandbox.baseUrl());
        settings.putAll(EmbeddedSandbox.settings(sandbox));
        settings.put("user", "@" + sandbox.defaultUser().username());
        StringBuilder text = new StringBuilder("Sandbox listening on " + sandbox.baseUrl()
                + " (state: " + sandbox.baseUrl() + "/__sandbox/state). Point Outpost at it with:\n");
        settings.forEach((key, value) -> {
            if (key.startsWith("OUTPOST_")) {
                text.append("  export ").append(key).append('=').append(value).append('\n');
            }
        });
        text.append("Stop it with Ctrl-C.");
        output.result(settings, text.toString());
        new CountDownLatch(1).await();
        return 0;
    }

    private XSandbox start() {
        SandboxConfig.Builder config = SandboxConfig.builder().port(port).autoApprove(autoApprove)
                .latency(Duration.ofMillis(Math.max(0, latencyMillis))).bandwidthBytesPerSecond(Math.max(0, bandwidth));
        try {
            faults.forEach(config::fault);
        } catch (IllegalArgumentException e) {
            throw OutpostException.invalid("--fault", e.getMessage());
        }
        XSandbox sandbox;
        try {
            sandbox = XSandbox.start(config.build());
        } catch (RuntimeException e) {
            throw new OutpostException(OutpostException.Kind.FAILED, "cannot start the sandbox on port " + port + " ("
                    + e.getMessage() + "); choose another with --port", e);
        }
        List<String> uris = new ArrayList<>(List.of(SandboxConfig.DEFAULT_REDIRECT_URI));
        uris.addAll(redirectUris);
        sandbox.registerClient(SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET,
                uris.toArray(String[]::new));
        return sandbox;
    }
}
