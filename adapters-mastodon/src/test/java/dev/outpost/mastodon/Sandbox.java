package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformVault;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.mastodonsandbox.MastodonSandbox;
import dev.outpost.mastodonsandbox.SandboxConfig;
import dev.outpost.mastodonsandbox.SandboxMedia;
import dev.outpost.mastodonsandbox.SandboxUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mastodon sandbox on loopback for one test, on a clock the tests move, and the plugin's context pointing nowhere
 * in particular (the server is the account's). The consent page is shown and clicked as a browser would.
 */
final class Sandbox implements AutoCloseable {
    /** What Mastodon does, as the ports' contracts ask it. */
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder()
            .asynchronous(MediaKind.GIF, MediaKind.VIDEO).processingHint(true).resumesUploads(true)
            .altTextWithUpload(true).refusesDuplicateText(false).deduplicatesByKey(true).signInMethods("oauth")
            .tokensExpire(false).refreshes(false).oldRefreshTokenDies(false).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    final TestClock clock = new TestClock();
    final MastodonSandbox mastodon;
    final MemoryVault vault = new MemoryVault();

    Sandbox() {
        this(b -> b);
    }

    Sandbox(UnaryOperator<SandboxConfig.Builder> configure) {
        this.mastodon = MastodonSandbox.start(configure.apply(SandboxConfig.builder().clock(clock)).build());
    }

    URI server() {
        return URI.create(mastodon.baseUrl());
    }

    String serverField() {
        return mastodon.baseUrl();
    }

    PlatformContext context() {
        return context(Map.of());
    }

    PlatformContext context(Map<String, String> settings) {
        return new PlatformContext(new HashMap<>(settings), clock, vault);
    }

    URI redirectUri() {
        return URI.create("http://127.0.0.1:8765/callback");
    }

    /** The default user's account as the core stores it, with a fresh token issued behind the plugin's back. */
    AccountAccess access() {
        return access(mastodon.issueToken());
    }

    AccountAccess access(String token) {
        return new AccountAccess(account(SandboxUser.DEFAULT), TokenSet.issued(token, null, null,
                MastodonSandbox.DEFAULT_SCOPES));
    }

    Account account(SandboxUser user) {
        String localId = ServerAddress.name(server()) + ":" + user.id();
        return new Account(AccountId.of("mastodon", localId), user.id(), user.username() + "@" + server().getHost(),
                user.displayName(), server(), AccountStatus.CONNECTED, clock.instant());
    }

    Optional<SandboxMedia> media(String id) {
        return mastodon.media().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Who the server says the token belongs to, asked behind the plugin's back. */
    RemoteUser whoIs(AccountAccess access) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(mastodon.baseUrl()
                + "/api/v1/accounts/verify_credentials")).header("Authorization", "Bearer " + access.accessToken())
                .GET().build());
        if (answer.statusCode() == 401) {
            throw new PlatformException.Unauthorized("401");
        }
        try {
            JsonNode me = MastodonJson.MAPPER.readTree(answer.body());
            return new RemoteUser(me.get("id").asText(), me.get("username").asText(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A browser: opens the authorization URL, and on the consent page clicks Authorize; returns where it lands. */
    static URI consent(URI authorizationUrl) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizationUrl).GET().build());
        if (page.statusCode() == 302) {
            return URI.create(page.headers().firstValue("Location").orElseThrow());
        }
        if (page.statusCode() != 200) {
            throw new AssertionError("the consent page answered " + page.statusCode() + ": " + page.body());
        }
        StringBuilder form = new StringBuilder();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.append(m.group(1)).append('=').append(java.net.URLEncoder.encode(m.group(2).replace("&amp;", "&")
                    .replace("&quot;", "\""), StandardCharsets.UTF_8)).append('&');
        }
        form.append("decision=approve");
        HttpResponse<String> decided = send(HttpRequest.newBuilder(authorizationUrl.resolve("/oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
        return URI.create(decided.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect after consent: " + decided.statusCode() + " " + decided.body())));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mastodon.close();
    }

    /** The plugin's vault, in memory. */
    static final class MemoryVault implements PlatformVault {
        final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public String putIfAbsent(String key, String value) {
            String before = values.putIfAbsent(key, value);
            return before == null ? value : before;
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }
    }
}
