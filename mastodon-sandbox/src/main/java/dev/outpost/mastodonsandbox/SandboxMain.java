package dev.outpost.mastodonsandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code java -jar mastodon-sandbox.jar [flags]}: runs a sandbox until interrupted. */
public final class SandboxMain {
    static final String HELP = """
            Usage: java -jar mastodon-sandbox.jar [flags]

            An emulator of a Mastodon server (app registration, OAuth with PKCE and a consent page, media v2,
            statuses with idempotency keys, the server's limits) with fault injection. The API, the consent page
            (/oauth/authorize) and the admin API (/__sandbox/...) share one port.

              --port N                    port to listen on (default 8090; 0 picks a free one)
              --host H                    interface to bind (default 127.0.0.1)
              --auto-approve              skip the consent page: /oauth/authorize redirects back at once
              --max-characters N          statuses.max_characters (default 500)
              --max-media N               statuses.max_media_attachments (default 4)
              --image-size-limit BYTES    media_attachments.image_size_limit (default 16 MiB)
              --video-size-limit BYTES    media_attachments.video_size_limit (default 99 MiB)
              --description-limit N       media_attachments.description_limit (default 1500)
              --processing-polls N        polls of a video or GIF answered 206 before 200 (default 2)
              --rate-limit N/SECONDS      requests per account per window (default 300/300; 0/1 for none)
              --latency-ms N              added before every request
              --fault RULE                ENDPOINT[@N][xM|x*]=ACTION (repeatable), e.g.
                                            statuses=drop       store the status, then cut the connection
                                            media=reset         cut the connection in the middle of an upload
                                            statuses@1x2=503    503 on the next two statuses
                                            statuses=429:120    429 resetting in two minutes
              --help                      this text

            Admin API: POST /__sandbox/tokens -> {"access_token": ...} for the default user (@alice);
            POST /__sandbox/faults {"rules": [...], "processing_polls": N, "fail_processing": N,
            "finish_processing": true};
            POST /__sandbox/revoke [{"access_token": ...}]; POST /__sandbox/instance {"max_characters": N, ...};
            POST /__sandbox/users {"username": ...}; GET /__sandbox/state; POST /__sandbox/reset.

            Endpoints for faults: %s
            """.formatted(Arrays.stream(Endpoint.values()).map(Endpoint::key).collect(Collectors.joining(", ")));

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "mastodon-sandbox-logback.xml");
        }
        SandboxConfig config;
        try {
            config = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("mastodon-sandbox: " + e.getMessage() + "\nTry --help.");
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        MastodonSandbox sandbox = MastodonSandbox.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "mastodon-sandbox-shutdown"));
        System.out.println("Mastodon sandbox listening on " + sandbox.baseUrl() + " (user @"
                + SandboxUser.DEFAULT.username() + "; POST /__sandbox/tokens for a token)");
        stopped.await();
    }

    /** The configuration the flags describe, or null when only help was asked for. */
    static SandboxConfig parse(String[] args, PrintStream out) {
        SandboxConfig.Builder b = SandboxConfig.builder().port(8090);
        InstanceLimits limits = InstanceLimits.STOCK;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.print(HELP);
                return null;
            }
            if (flag.equals("--auto-approve")) {
                b.autoApprove(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown flag or missing value: " + flag);
            }
            String v = args[++i];
            try {
                switch (flag) {
                    case "--port" -> b.port(Integer.parseInt(v));
                    case "--host" -> b.host(v);
                    case "--max-characters" -> limits = limits.withMaxCharacters(Integer.parseInt(v));
                    case "--max-media" -> limits = limits.withMaxMediaAttachments(Integer.parseInt(v));
                    case "--image-size-limit" -> limits = limits.withSizeLimits(Long.parseLong(v),
                            limits.videoSizeLimit());
                    case "--video-size-limit" -> limits = limits.withSizeLimits(limits.imageSizeLimit(),
                            Long.parseLong(v));
                    case "--description-limit" -> limits = limits.withDescriptionLimit(Integer.parseInt(v));
                    case "--processing-polls" -> b.processingPolls(Integer.parseInt(v));
                    case "--rate-limit" -> {
                        String[] parts = v.split("/");
                        if (parts.length != 2) {
                            throw new IllegalArgumentException("--rate-limit is N/SECONDS, such as 300/300: " + v);
                        }
                        b.rateLimit(Integer.parseInt(parts[0]), Duration.ofSeconds(Long.parseLong(parts[1])));
                    }
                    case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(v)));
                    case "--fault" -> b.fault(v);
                    default -> throw new IllegalArgumentException("unknown flag: " + flag);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " takes a number, not '" + v + "'");
            }
        }
        return b.limits(limits).build();
    }
}
