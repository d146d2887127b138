package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.ports.platform.PlatformPlugin;
import feign.Request;
import feign.Response;
import dev.outpost.ports.platform.PlatformException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin as the apps find it, and the one place answers become failures. */
class MastodonPlatformPluginTest {
    private final MastodonErrorDecoder decoder = new MastodonErrorDecoder();

    @Test
    void theAppsFindItByServiceLoader() {
        List<PlatformPlugin> found = ServiceLoader.load(PlatformPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("mastodon")).toList();

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p).isInstanceOf(MastodonPlatformPlugin.class);
            assertThat(p.displayName()).isEqualTo("Mastodon");
        });
    }

    @Test
    void settingsThatAreNotNumbersAreRefusedWithTheirName() {
        try (Sandbox sandbox = new Sandbox()) {
            assertThatThrownBy(() -> new MastodonPlatformPlugin().mediaTransport(sandbox.context(Map.of(
                    MastodonSettings.READ_TIMEOUT, "soon")))).hasMessageContaining(MastodonSettings.READ_TIMEOUT);
        }
    }

    @Test
    void answersBecomeTheFailuresTheCoreActsOn() {
        assertThat(decode("POST", "/api/v1/statuses", 429, "{\"error\":\"Too many requests\"}",
                Map.of("X-RateLimit-Reset", "2026-03-01T12:05:00.000Z")))
                .isInstanceOfSatisfying(PlatformException.RateLimited.class, e -> assertThat(e.resetAt())
                        .contains(Instant.parse("2026-03-01T12:05:00Z")));
        assertThat(decode("GET", "/api/v1/media/1", 401, "{\"error\":\"The access token is invalid\"}", Map.of()))
                .isInstanceOf(PlatformException.Unauthorized.class);
        assertThat(decode("POST", "/api/v1/statuses", 422, "{\"error\":\"Cannot attach files that have not "
                + "finished processing. Try again in a moment!\"}", Map.of()))
                .isInstanceOf(PlatformException.Transient.class);
        assertThat(decode("POST", "/api/v1/statuses", 422, "{\"error\":\"Media 12 not found or already attached "
                + "to another post\"}", Map.of())).isInstanceOf(PlatformException.MediaExpired.class);
        assertThat(decode("POST", "/api/v1/statuses", 422, "{\"error\":\"Validation failed: Text character limit "
                + "of 500 exceeded\"}", Map.of())).isInstanceOf(PlatformException.InvalidRequest.class)
                .hasMessage("social.example refused the post: Validation failed: Text character limit of 500 "
                        + "exceeded");
        assertThat(decode("POST", "/api/v1/statuses", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>",
                Map.of())).isInstanceOf(PlatformException.Ambiguous.class).hasMessageContaining("\"502 Bad Gateway\"");
        assertThat(decode("POST", "/api/v2/media", 503, "", Map.of())).isInstanceOf(PlatformException.Transient.class);
        assertThat(decode("POST", "/api/v2/media", 413, "<html>Request Entity Too Large</html>", Map.of()))
                .isInstanceOf(PlatformException.PayloadTooLarge.class);
        assertThat(decode("GET", "/api/v1/accounts/1/statuses", 403, "{\"error\":\"This action is outside the "
                + "authorized scopes\"}", Map.of())).isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.MISSING_SCOPE));
        assertThat(decode("POST", "/oauth/token", 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The "
                + "provided authorization grant is invalid\"}", Map.of()))
                .isInstanceOfSatisfying(PlatformException.InvalidRequest.class, e -> assertThat(e.code())
                        .isEqualTo("invalid_grant"));
    }

    private Exception decode(String method, String path, int status, String body, Map<String, String> headers) {
        Request request = Request.create(Request.HttpMethod.valueOf(method), "https://social.example" + path,
                Map.of(), null, StandardCharsets.UTF_8, null);
        Map<String, java.util.Collection<String>> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return decoder.decode("k", Response.builder().status(status).reason("").headers(h).request(request)
                .body(body, StandardCharsets.UTF_8).build());
    }
}
