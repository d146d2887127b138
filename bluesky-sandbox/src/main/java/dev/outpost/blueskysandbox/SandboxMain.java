package dev.outpost.blueskysandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar bluesky-sandbox.jar [flags]}: runs a sandbox until interrupted. */
public final class SandboxMain {
    static final String HELP = """
            Usage: java -jar bluesky-sandbox.jar [flags]

            An emulator of a Bluesky PDS and of the video service, with fault injection. The XRPC methods
            (/xrpc/...), a PLC directory (/<did>), post pages (/profile/<handle>/post/<key>) and the admin API
            (/__sandbox/...) share one port.

              --port N                 port to listen on (default 2583; 0 picks a free one)
              --host H                 interface to bind (default 127.0.0.1)
              --handle H               the account made at start (default alice.test)
              --password P             its password (default password); its app password is printed
              --jwt-secret S           the HS256 secret of session tokens (default random)
              --access-token-ttl S     access token lifetime in seconds (default 7200)
              --blob-limit BYTES       largest blob (default 5242880)
              --encoding-seconds S     how long a video job encodes (default 3)
              --daily-videos N         video quota per account and day (default 25)
              --help                   this text

            Point Outpost at it: OUTPOST_BLUESKY_PLC_URL, OUTPOST_BLUESKY_VIDEO_SERVICE_URL and
            OUTPOST_BLUESKY_WEB_URL to the printed URL, and sign in with --service that URL.
            """;

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig.Builder config = SandboxConfig.builder().port(2583);
        String handle = "alice.test";
        String password = "password";
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help")) {
                    System.out.print(HELP);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--port" -> config.port(Integer.parseInt(value));
                    case "--host" -> config.host(value);
                    case "--handle" -> handle = value;
                    case "--password" -> password = value;
                    case "--jwt-secret" -> config.jwtSecret(value);
                    case "--access-token-ttl" -> config.accessTtl(Duration.ofSeconds(Long.parseLong(value)));
                    case "--blob-limit" -> config.blobLimit(Long.parseLong(value));
                    case "--encoding-seconds" -> config.encodingTime(Duration.ofSeconds(Long.parseLong(value)));
                    case "--daily-videos" -> config.dailyVideos(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bluesky-sandbox: " + e.getMessage() + "\nTry --help.");
            System.exit(2);
            return;
        }
        BlueskySandbox sandbox = BlueskySandbox.start(config.build());
        Map<String, String> account = sandbox.createAccount(handle, password);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "bluesky-sandbox-shutdown"));
        System.out.println("Bluesky sandbox listening on " + sandbox.baseUrl() + " (account @" + account.get("handle")
                + ", " + account.get("did") + ", app password " + account.get("appPassword") + ")");
        stopped.await();
    }
}
