package dev.outpost.x;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformVault;
import dev.outpost.xsandbox.MediaView;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.SandboxUser;
import dev.outpost.xsandbox.TokenPair;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An X sandbox on loopback for one test class, on a clock the tests move, with the X plugin's settings pointing at
 * it. Segments over {@link #MAX_SEGMENT} get 413; the plugin's chunk size is {@link #CHUNK}.
 */
final class Sandbox implements AutoCloseable {
    static final long CHUNK = 1024 * 1024;
    static final long MAX_SEGMENT = 2 * CHUNK;
    /** What X does, as the ports' contracts ask it. */
    static final PlatformCapabilities CAPABILITIES = PlatformCapabilities.builder()
            .asynchronous(MediaKind.GIF, MediaKind.VIDEO).processingHint(true).resumesUploads(true)
            .altTextWithUpload(true).refusesDuplicateText(true).deduplicatesByKey(false).signInMethods("oauth")
            .tokensExpire(true).refreshes(true).oldRefreshTokenDies(true).build();

    final TestClock clock = new TestClock();
    final XSandbox x;

    Sandbox() {
        this(b -> b);
    }

    Sandbox(UnaryOperator<SandboxConfig.Builder> configure) {
        this.x = XSandbox.start(configure.apply(SandboxConfig.builder()
                .clock(clock)
                .autoApprove(true)
                .maxSegmentBytes(MAX_SEGMENT)).build());
    }

    /** Settings for the default, confidential client. */
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put(XSettings.CLIENT_ID, SandboxConfig.DEFAULT_CLIENT_ID);
        settings.put(XSettings.CLIENT_SECRET, SandboxConfig.DEFAULT_CLIENT_SECRET);
        settings.put(XSettings.API_URL, x.baseUrl());
        settings.put(XSettings.AUTHORIZE_URL, x.authorizeUrl());
        settings.put(XSettings.CHUNK_SIZE, Long.toString(CHUNK));
        return settings;
    }

    PlatformContext context() {
        return new PlatformContext(settings(), clock, new MemoryVault());
    }

    PlatformContext context(Map<String, String> overrides) {
        Map<String, String> settings = settings();
        settings.putAll(overrides);
        settings.values().removeIf(v -> v == null || v.isEmpty());
        return new PlatformContext(settings, clock, new MemoryVault());
    }

    URI redirectUri() {
        return URI.create(SandboxConfig.DEFAULT_REDIRECT_URI);
    }

    /** The default user's account as the core stores it, with fresh tokens issued behind the plugin's back. */
    AccountAccess access() {
        return access(x.issueTokens());
    }

    AccountAccess access(TokenPair pair) {
        return new AccountAccess(account(SandboxUser.DEFAULT), TokenSet.issued(pair.accessToken(),
                pair.refreshToken(), clock.instant().plusSeconds(7200), XSandbox.DEFAULT_SCOPES));
    }

    Account account(SandboxUser user) {
        return new Account(AccountId.of("x", user.id()), user.id(), user.username(), user.name(),
                AccountStatus.CONNECTED, clock.instant());
    }

    Optional<MediaView> media(String id) {
        return x.state().media().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Media bytes the sandbox holds in segments, over every media of the default user. */
    long storedSegmentBytes() {
        return x.state().media().stream().filter(m -> m.ownerId().equals(SandboxUser.DEFAULT.id()))
                .flatMap(m -> m.segments().stream()).mapToLong(MediaView.SegmentView::size).sum();
    }

    /** A browser that follows the authorization URL to the auto-approving consent page and stops at the redirect. */
    static URI consent(URI authorizationUrl) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(authorizationUrl).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                    "the consent page answered " + answer.statusCode() + " without a redirect: " + answer.body()));
            return URI.create(location);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        x.close();
    }

    /** The plugin's vault, in memory. */
    static final class MemoryVault implements PlatformVault {
        private final Map<String, String> values = new ConcurrentHashMap<>();

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
