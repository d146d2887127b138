package dev.outpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.XSandbox;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gate, over real HTTP against the shared app: sign-in, sessions, CSRF, OAuth state, uploads, secrets. */
class SecurityTest {
    private static OutpostWeb app;
    private static URI base;
    private static XSandbox sandbox;

    @BeforeAll
    static void start() {
        app = TestApp.shared();
        base = app.baseUrl();
        sandbox = app.sandbox().orElseThrow();
    }

    @Test
    void noPageOrApiWithoutSignIn() {
        WebClient anonymous = new WebClient(base);
        for (String page : List.of("/", "/compose", "/accounts", "/publications", "/publications/abc",
                "/media/00000000-0000-0000-0000-000000000000.png", "/oauth/x/callback?state=a&code=b")) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).startsWith("/login");
        }
        for (String api : List.of("/api/publications", "/api/accounts", "/api/publications/abc",
                "/api/publications/abc/events", "/metrics")) {
            HttpResponse<String> response = anonymous.get(api);
            assertThat(response.statusCode()).as(api).isEqualTo(401);
            assertThat(response.body()).as(api).contains("sign in first");
        }
        HttpResponse<String> post = anonymous.postMultipart("/api/publications",
                new WebClient.Multipart().field("text", "hello"));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(new WebClient(base).basic("wrong password").get("/api/accounts").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
        assertThat(new WebClient(base).basic(TestApp.PASSWORD).get("/api/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void signInIssuesANewHttpOnlySameSiteSessionAndTheOldIdIsWorthless() {
        WebClient client = new WebClient(base);
        HttpResponse<String> login = client.get("/login");
        String cookieHeader = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookieHeader).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        String before = client.cookie(WebSecurity.COOKIE);

        HttpResponse<String> wrong = client.postForm("/login", Map.of("password", "not it", "_csrf", client.csrf()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not the admin password");

        client.signIn();
        String after = client.cookie(WebSecurity.COOKIE);
        assertThat(after).isNotBlank().isNotEqualTo(before);
        assertThat(client.get("/compose").statusCode()).isEqualTo(200);

        WebClient planted = new WebClient(base);
        HttpResponse<String> withOldId = planted.send(planted.request("/compose")
                .header("Cookie", WebSecurity.COOKIE + "=" + before).GET().build());
        assertThat(withOldId.statusCode()).isEqualTo(302);
    }

    @Test
    void aPostWithoutTheCsrfTokenOrFromAnotherOriginIsRefused() {
        WebClient client = new WebClient(base).signIn();
        HttpResponse<String> noToken = client.postForm("/accounts/connect", Map.of("platform", "x"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF");

        HttpResponse<String> wrongToken = client.postForm("/accounts/connect", Map.of("platform", "x", "_csrf",
                "A".repeat(43)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> apiWithoutHeader = client.send(client.request("/api/measure")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")).build());
        assertThat(apiWithoutHeader.statusCode()).isEqualTo(403);

        HttpResponse<String> foreign = client.send(client.request("/accounts/connect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("platform=x&_csrf=" + client.csrf())).build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("another site");

        HttpResponse<String> good = client.postForm("/accounts/connect", Map.of("platform", "x", "_csrf",
                client.csrf()));
        assertThat(Accounts.authorizeUrl(good)).startsWith(sandbox.authorizeUrl())
                .contains("code_challenge_method=S256");
    }

    @Test
    void formsMaySubmitToOutpostOnly() {
        String csp = new WebClient(base).get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("form-action 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void aForgedOrForeignStateIsRefusedAndConnectsNothing() {
        int accountsBefore = app.core().accounts().list().size();
        WebClient victim = new WebClient(base).signIn();
        HttpResponse<String> forged = victim.get("/oauth/x/callback?state=" + "f".repeat(32) + "&code=stolen");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("unknown, already used or expired");

        // An attacker starts a real flow in their own session and lures the victim to its callback.
        WebClient attacker = new WebClient(base).signIn();
        String authorize = Accounts.authorizeUrl(attacker.postForm("/accounts/connect", Map.of("platform", "x",
                "_csrf", attacker.csrf())));
        String state = authorize.replaceAll(".*[?&]state=([^&]+).*", "$1");
        HttpResponse<String> foreign = victim.get("/oauth/x/callback?state=" + state + "&code=whatever");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("started elsewhere");
        assertThat(app.core().accounts().list()).hasSize(accountsBefore);
    }

    @Test
    void anOversizedUploadIsRefusedWhileStreaming() throws Exception {
        WebClient client = new WebClient(base).basic(TestApp.PASSWORD);
        String account = Accounts.connect(client, sandbox);
        Path uploads = uploadsDirectory();
        long filesBefore = countFiles(uploads);

        long declared = 600L * 1000 * 1000; // far more than the 5 MiB an image may have
        String boundary = "----oversized";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"account\"\r\n\r\n" + account + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media[0]\"; filename=\"huge.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/publications HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString((":" + TestApp.PASSWORD).getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                    + (head.length() + declared) + "\r\n\r\n" + head).getBytes(StandardCharsets.UTF_8));
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                byte[] png = TestMedia.png("big", Color.RED);
                System.arraycopy(png, 0, chunk, 0, 64);
                try {
                    while (written.get() < declared) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                        chunk = new byte[64 * 1024];
                    }
                } catch (IOException expected) {
                    // the server stopped reading and closed the connection
                }
            });
            writer.setDaemon(true);
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            StringBuilder response = new StringBuilder(status).append('\n');
            String line;
            while ((line = in.readLine()) != null) {
                response.append(line).append('\n');
                if (line.startsWith("{")) {
                    break;
                }
            }
            assertThat(status).contains("413");
            assertThat(response).contains("media[0]").contains("over the 5 MiB limit for an image")
                    .contains("huge.png");
            writer.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(written.get()).as("bytes the client got to send").isLessThan(declared / 4);
        assertThat(countFiles(uploads)).isEqualTo(filesBefore);
    }

    @Test
    void aRenamedExecutableIsRefusedAndNotKept() throws IOException {
        WebClient client = new WebClient(base).basic(TestApp.PASSWORD);
        String account = Accounts.connect(client, sandbox);
        Path uploads = uploadsDirectory();
        long filesBefore = countFiles(uploads);
        HttpResponse<String> response = client.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "my holiday")
                .file("media[0]", "holiday.png", TestMedia.executable()));
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("problems").get(0).get("field").asText()).isEqualTo("media[0]");
        assertThat(body.get("problems").get(0).get("message").asText()).contains("holiday.png")
                .contains("not a supported image or video");
        assertThat(countFiles(uploads)).isEqualTo(filesBefore);
        assertThat(app.core().publications().list(
                dev.outpost.ports.storage.PublicationStore.Query.all())).noneMatch(p -> p.draft().text()
                .equals("my holiday"));
    }

    @Test
    void noTokenOrPasswordInAnyPageApiAnswerErrorOrLog() throws Exception {
        WebClient api = new WebClient(base).basic(TestApp.PASSWORD);
        String account = Accounts.connect(api, sandbox);
        HttpResponse<String> created = api.postMultipart("/api/publications", new WebClient.Multipart()
                .field("account", account).field("text", "secrets stay home " + System.nanoTime())
                .file("media[0]", "a.png", TestMedia.png("A", Color.BLUE)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        Awaits.published(app, id);

        TokenSet tokens = app.stores().tokens().find(new AccountId(account)).orElseThrow();
        List<String> secrets = new ArrayList<>(List.of(tokens.accessToken(), TestApp.PASSWORD,
                SandboxConfig.DEFAULT_CLIENT_SECRET));
        if (tokens.refreshToken() != null) {
            secrets.add(tokens.refreshToken());
        }

        WebClient browser = new WebClient(base).signIn();
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/compose", "/accounts", "/publications", "/publications/" + id,
                "/api/publications", "/api/publications/" + id, "/api/accounts", "/metrics", "/health",
                "/publications/nope", "/api/publications/nope", "/oauth/x/callback?state=" + "x".repeat(30) + "&code=c")) {
            HttpResponse<String> response = browser.get(path);
            answers.add(path + " " + response.headers().map() + " " + response.body());
        }
        answers.add(api.postMultipart("/api/publications", new WebClient.Multipart().field("account", account)
                .field("text", "x".repeat(400))).body());
        String everything = String.join("\n", answers) + "\n" + LogCapture.all();
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(LogCapture.all()).isNotEmpty();
    }

    private static Path uploadsDirectory() {
        return app.dataDirectory().resolve("uploads");
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
