package dev.outpost.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.InMemoryVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's pure parts: discovery, rules, text measure, record keys, facets, image headers, settings. */
class BlueskyPluginUnitTest {
    @TempDir
    Path dir;

    @Test
    void thePluginIsFoundByServiceLoaderAsBluesky() {
        List<PlatformPlugin> plugins = ServiceLoader.load(PlatformPlugin.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("bluesky")).toList();

        assertThat(plugins).singleElement().satisfies(p -> assertThat(p.displayName()).isEqualTo("Bluesky"));
    }

    @Test
    void theRulesAreBlueskys() {
        PlatformRules rules = new BlueskyPlatformPlugin().rulebook(context(Map.of())).defaults();

        assertThat(rules.textLimits()).extracting(l -> l.unit() + "/" + l.max())
                .containsExactly("graphemes/300", "bytes/3000");
        assertThat(rules.maxMedia(MediaKind.IMAGE)).isEqualTo(4);
        assertThat(rules.maxMedia(MediaKind.VIDEO)).isEqualTo(1);
        assertThat(rules.maxMedia(MediaKind.GIF)).isZero();
        assertThat(rules.admits(Map.of(MediaKind.IMAGE, 1, MediaKind.VIDEO, 1))).isFalse();
        assertThat(rules.maxBytes(MediaKind.IMAGE)).isEqualTo(2_000_000);
        assertThat(rules.maxBytes(MediaKind.VIDEO)).isEqualTo(100_000_000);
        assertThat(new BlueskyPlatformPlugin().rulebook(context(Map.of(BlueskySettings.VIDEO_SERVICE_URL, "none")))
                .defaults().maxBytes(MediaKind.VIDEO)).isEqualTo(300_000_000);
    }

    @Test
    void graphemesAreWhatPeopleSee() {
        assertThat(Graphemes.MEASURE.weightedLength("")).isZero();
        assertThat(Graphemes.MEASURE.weightedLength("abc")).isEqualTo(3);
        assertThat(Graphemes.MEASURE.weightedLength("👩‍👩‍👧")).isEqualTo(1);
        assertThat(Graphemes.MEASURE.weightedLength("🇫🇷🇩🇪")).isEqualTo(2);
        assertThat(Graphemes.MEASURE.weightedLength("e\u0301")).isEqualTo(1);
        assertThat(Graphemes.MEASURE.weightedLength("🧑🏽‍🚀")).isEqualTo(1);
    }

    @Test
    void recordKeysAreFreshSortableTids() {
        Tid tids = new Tid();
        Random random = new Random(1);
        Instant now = Instant.parse("2026-12-04T01:00:00Z");
        Set<String> keys = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 1000; i++) {
            String key = tids.next(now, random);
            assertThat(Tid.isTid(key)).as(key).isTrue();
            assertThat(key.substring(0, 11)).isGreaterThanOrEqualTo(previous.isEmpty() ? "" : previous.substring(0,
                    11));
            previous = key;
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
        assertThat(tids.next(now.plusSeconds(1), random)).isGreaterThan(previous);
    }

    @Test
    void facetsMarkUtf8ByteRanges() {
        String text = "héllo @bob.test and @nobody.test see (https://example.com/a_(b)). #tag #123 #fin.";

        JsonNode facets = Facets.of(text, h -> h.equals("bob.test") ? Optional.of("did:plc:bob") : Optional.empty());

        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<String> spans = new java.util.ArrayList<>();
        facets.forEach(f -> spans.add(new String(utf8, f.path("index").path("byteStart").asInt(),
                f.path("index").path("byteEnd").asInt() - f.path("index").path("byteStart").asInt(),
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(spans).containsExactlyInAnyOrder("https://example.com/a_(b)", "@bob.test", "#tag", "#fin");
    }

    @Test
    void imageHeadersGiveWidthAndHeightWithoutDecoding() throws Exception {
        assertThat(ImageHeader.read(TestMedia.png(dir, "a.png", 31, 17).path())).contains(new ImageHeader(31, 17));
        assertThat(ImageHeader.read(TestMedia.jpeg(dir, "a.jpg", 40, 22).path())).contains(new ImageHeader(40, 22));
        Path gif = dir.resolve("a.gif");
        Files.write(gif, new byte[] {'G', 'I', 'F', '8', '9', 'a', 7, 0, 5, 0, 0, 0, 0});
        assertThat(ImageHeader.read(gif)).contains(new ImageHeader(7, 5));
        Path webp = dir.resolve("a.webp");
        byte[] vp8x = new byte[30];
        System.arraycopy("RIFF".getBytes(), 0, vp8x, 0, 4);
        System.arraycopy("WEBPVP8X".getBytes(), 0, vp8x, 8, 8);
        vp8x[24] = 99; // width - 1
        vp8x[27] = 49; // height - 1
        Files.write(webp, vp8x);
        assertThat(ImageHeader.read(webp)).contains(new ImageHeader(100, 50));
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3});
        assertThat(ImageHeader.read(junk)).isEmpty();
    }

    @Test
    void settingsHaveDefaultsAndRefuseNonsense() {
        BlueskySettings defaults = BlueskySettings.from(context(Map.of()));
        assertThat(defaults.plcUrl()).hasToString("https://plc.directory");
        assertThat(defaults.videoService()).hasToString("https://video.bsky.app");
        assertThat(defaults.videoServiceDid()).isEqualTo("did:web:video.bsky.app");
        assertThat(defaults.webUrl()).hasToString("https://bsky.app");
        assertThat(BlueskySettings.from(context(Map.of(BlueskySettings.VIDEO_SERVICE_URL, "none"))).videoService())
                .isNull();
        assertThat(BlueskySettings.didWeb(java.net.URI.create("http://127.0.0.1:2583"))).isEqualTo(
                "did:web:127.0.0.1%3A2583");
        assertThatThrownBy(() -> BlueskySettings.from(context(Map.of(BlueskySettings.PLC_URL, "plc"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BlueskySettings.PLC_URL);
    }

    @Test
    void aHandleThatResolvesNowhereIsAClearError() {
        IdentityResolver resolver = new IdentityResolver(java.net.URI.create("http://127.0.0.1:9"),
                java.time.Duration.ofSeconds(1), name -> List.of(), h -> java.net.URI.create("http://127.0.0.1:9/x"));

        assertThatThrownBy(() -> resolver.did("alice.example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@alice.example.com").hasMessageContaining("server");
        assertThat(new IdentityResolver(java.net.URI.create("http://127.0.0.1:9"), java.time.Duration.ofSeconds(1),
                name -> List.of("did=did:plc:abc123"), h -> java.net.URI.create("http://127.0.0.1:9/x"))
                .did("alice.example.com")).isEqualTo("did:plc:abc123");
    }

    @Test
    void aWebAppOnHttpsServesTheClientMetadataWhoseUrlIsTheClientId() throws Exception {
        var authorizer = new BlueskyPlatformPlugin().authorizer(context(Map.of()));
        java.net.URI callback = java.net.URI.create("https://outpost.example.com/oauth/bluesky/callback");

        JsonNode document = Xrpc.JSON.readTree(authorizer.clientMetadata(callback).orElseThrow());
        String url = "https://outpost.example.com/oauth/bluesky/client-metadata.json";
        assertThat(document.path("client_id").asText()).isEqualTo(url);
        assertThat(document.path("redirect_uris")).extracting(JsonNode::asText).containsExactly(callback.toString());
        assertThat(document.path("dpop_bound_access_tokens").asBoolean()).isTrue();
        assertThat(document.path("scope").asText()).isEqualTo("atproto transition:generic");
        assertThat(document.path("grant_types")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(document.path("response_types")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(document.path("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(document.path("application_type").asText()).isEqualTo("web");
        assertThat(document.path("client_uri").asText()).isEqualTo("https://outpost.example.com/");

        BlueskyOAuth oauth = new BlueskyOAuth(null, null, null, Clock.systemUTC());
        assertThat(oauth.clientId(callback)).isEqualTo(url);
        java.net.URI loopback = java.net.URI.create("http://127.0.0.1:8080/oauth/bluesky/callback");
        assertThat(oauth.clientId(loopback)).startsWith("http://localhost?redirect_uri=http%3A%2F%2F127.0.0.1%3A8080");
        // A loopback client needs no document; a configured client id has its document elsewhere.
        assertThat(authorizer.clientMetadata(loopback)).isEmpty();
        assertThat(new BlueskyPlatformPlugin().authorizer(context(Map.of(BlueskySettings.OAUTH_CLIENT_ID,
                "https://elsewhere.example/client.json"))).clientMetadata(callback)).isEmpty();
        assertThatThrownBy(() -> oauth.clientId(java.net.URI.create("http://outpost.example.com/oauth/bluesky/callback")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BlueskySettings.OAUTH_CLIENT_ID);
    }

    private static PlatformContext context(Map<String, String> settings) {
        return new PlatformContext(settings, Clock.systemUTC(), new InMemoryVault());
    }
}
