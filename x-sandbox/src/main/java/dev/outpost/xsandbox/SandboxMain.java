package dev.outpost.xsandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar x-sandbox.jar [flags]}: runs a sandbox until interrupted. */
public final class SandboxMain {
    static final String HELP = """
            Usage: java -jar x-sandbox.jar [flags]

            An emulator of the X API v2 (OAuth 2.0, media upload, posts) with fault injection.
            The API, the consent page (/i/oauth2/authorize) and the admin API (/__sandbox/...) share one port.

              --port N                       port to listen on (default 8089; 0 picks a free one)
              --host H                       interface to bind (default 127.0.0.1)
              --client-id ID                 default app's client id (default %s)
              --client-secret S              default app's secret (default %s); "none" makes it a public client
              --redirect-uri URI             default app's redirect URI, repeatable (default %s)
              --auto-approve                 skip the consent page: authorize redirects back at once
              --access-token-ttl SECONDS     access token lifetime (default 7200)
              --code-ttl SECONDS             authorization code lifetime (default 30)
              --reused-refresh-error E       invalid_request (default) or invalid_grant
              --media-ttl SECONDS            media id lifetime (default 86400; amplify_video: 1296000)
              --max-segment-bytes N          APPEND segments above this get 413 (default 5000000)
              --processing-seconds S         how long video/GIF processing takes (default 3)
              --check-after-secs N           check_after_secs given while processing (default 1)
              --allow-early-status-polls     do not answer 429 to a STATUS poll before check_after_secs
              --append-200                   APPEND answers 200 {"data":{"expires_at":…}} instead of 204
              --no-media-link                do not append a t.co link to the text of posts with media
              --edit-history-field NAME      edit_history_tweet_ids (default) or edit_history_post_ids
              --rate-limit ENDPOINT=N/SECS   per-user window, e.g. tweets=100/900 (repeatable)
              --fault RULE                   ENDPOINT[@N][xM|x*]=ACTION (repeatable), e.g.
                                               append@3=reset      reset the connection during the 3rd APPEND body
                                               finalize@1x2=503    503 on the next two FINALIZE calls
                                               status@1x3=429      a burst of three 429s
                                               token@1x*=503       token endpoint outage
                                               tweets=drop         create the post, then drop the connection
                                               tweets=delay:30000  create the post, answer 30 s later
              --latency-ms N                 added before every request
              --bandwidth BYTES_PER_SEC      cap on reading request bodies
              --fail-processing N            the next N processed media end in state "failed"
              --help                         this text

            Endpoints: %s
            """.formatted(SandboxConfig.DEFAULT_CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_SECRET,
            SandboxConfig.DEFAULT_REDIRECT_URI, List.of(Endpoint.values()).stream().map(Endpoint::key).toList());

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "x-sandbox-logback.xml");
        }
        SandboxConfig config;
        try {
            config = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("x-sandbox: " + e.getMessage() + "\nTry --help.");
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        XSandbox sandbox = XSandbox.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "x-sandbox-shutdown"));
        System.out.println("X sandbox listening on " + sandbox.baseUrl()
                + " (client_id " + config.defaultClient().clientId() + ", user @" + config.defaultUser().username() + ")");
        stopped.await();
    }

    /** The configuration the flags describe, or null when only help was asked for. */
    static SandboxConfig parse(String[] args, PrintStream out) {
        SandboxConfig.Builder b = SandboxConfig.builder().port(8089);
        String clientId = SandboxConfig.DEFAULT_CLIENT_ID;
        String secret = SandboxConfig.DEFAULT_CLIENT_SECRET;
        List<String> redirects = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return null;
                }
                case "--auto-approve" -> b.autoApprove(true);
                case "--allow-early-status-polls" -> b.rejectEarlyStatusPolls(false);
                case "--append-200" -> b.appendAnswersNoContent(false);
                case "--no-media-link" -> b.appendMediaLinkToText(false);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown flag or missing value: " + flag);
                    }
                    String v = args[++i];
                    switch (flag) {
                        case "--port" -> b.port(Integer.parseInt(v));
                        case "--host" -> b.host(v);
                        case "--client-id" -> clientId = v;
                        case "--client-secret" -> secret = v.equals("none") ? null : v;
                        case "--redirect-uri" -> redirects.add(v);
                        case "--access-token-ttl" -> b.accessTokenTtl(Duration.ofSeconds(Long.parseLong(v)));
                        case "--code-ttl" -> b.authorizationCodeTtl(Duration.ofSeconds(Long.parseLong(v)));
                        case "--reused-refresh-error" -> b.reusedRefreshTokenError(v);
                        case "--media-ttl" -> b.mediaTtl(Duration.ofSeconds(Long.parseLong(v)));
                        case "--max-segment-bytes" -> b.maxSegmentBytes(Long.parseLong(v));
                        case "--processing-seconds" -> b.processingDuration(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
                        case "--check-after-secs" -> b.checkAfterSecs(Integer.parseInt(v));
                        case "--edit-history-field" -> b.editHistoryField(v);
                        case "--rate-limit" -> rateLimit(b, v);
                        case "--fault" -> b.fault(v);
                        case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(v)));
                        case "--bandwidth" -> b.bandwidthBytesPerSecond(Long.parseLong(v));
                        case "--fail-processing" -> b.failProcessing(Integer.parseInt(v));
                        default -> throw new IllegalArgumentException("unknown flag: " + flag);
                    }
                }
            }
        }
        b.defaultClient(new SandboxClient(clientId, secret,
                redirects.isEmpty() ? List.of(SandboxConfig.DEFAULT_REDIRECT_URI) : redirects));
        return b.build();
    }

    private static void rateLimit(SandboxConfig.Builder b, String spec) {
        String[] parts = spec.split("[=/]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--rate-limit is ENDPOINT=LIMIT/SECONDS, e.g. tweets=100/900: " + spec);
        }
        b.rateLimit(Endpoint.fromKey(parts[0].toLowerCase(Locale.ROOT)), Integer.parseInt(parts[1]),
                Duration.ofSeconds(Long.parseLong(parts[2])));
    }
}
