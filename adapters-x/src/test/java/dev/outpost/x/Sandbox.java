package dev.outpost.x;

import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.xsandbox.SandboxConfig;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An X sandbox on loopback for one test class, on a clock the tests move, with the X plugin's settings pointing at
 * it. Segments over {@link #MAX_SEGMENT} get 413; the plugin's chunk size is {@link #CHUNK}.
 */
final class Sandbox implements AutoCloseable {
    static final long CHUNK = 1024 * 1024;
    static final long MAX_SEGMENT = 2 * CHUNK;

    final FakeClock clock = new FakeClock();
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
        return new PlatformContext(settings(), clock);
    }

    PlatformContext context(Map<String, String> overrides) {
        Map<String, String> settings = settings();
        settings.putAll(overrides);
        settings.values().removeIf(v -> v == null || v.isEmpty());
        return new PlatformContext(settings, clock);
    }

    URI redirectUri() {
        return URI.create(SandboxConfig.DEFAULT_REDIRECT_URI);
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
}
