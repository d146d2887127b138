package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.FakeClock;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XPlatformPluginTest {
    private final FakeClock clock = new FakeClock();

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsX() {
        assertThat(ServiceLoader.load(PlatformPlugin.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p.id().equals("x")).singleElement()
                .satisfies(p -> assertThat(p.displayName()).isEqualTo("X"))
                .isInstanceOf(XPlatformPlugin.class);
    }

    @Test
    void xsRules() {
        var rules = new XPlatformPlugin().rules();

        assertThat(rules.maxMedia(MediaKind.IMAGE)).isEqualTo(4);
        assertThat(rules.maxMedia(MediaKind.GIF)).isEqualTo(1);
        assertThat(rules.maxMedia(MediaKind.VIDEO)).isEqualTo(1);
        assertThat(rules.mixingKindsAllowed()).isFalse();
        assertThat(rules.maxBytes(MediaKind.IMAGE)).isEqualTo(5L << 20);
        assertThat(rules.maxBytes(MediaKind.GIF)).isEqualTo(15L << 20);
        assertThat(rules.maxBytes(MediaKind.VIDEO)).isEqualTo(512L << 20);
        assertThat(rules.acceptedTypes()).containsExactlyInAnyOrder(MediaType.values());
        assertThat(rules.maxAltTextLength()).isEqualTo(1000);
        assertThat(rules.chunkSize()).isEqualTo(ChunkPlan.DEFAULT_CHUNK_SIZE);
    }

    @Test
    void theChunkSizeAndConcurrencyAreSettings() {
        var context = new PlatformContext(Map.of(XSettings.CHUNK_SIZE, "1048576",
                XSettings.CONCURRENT_APPENDS, "false"), clock);
        var plugin = new XPlatformPlugin();

        assertThat(plugin.rules(context).chunkSize()).isEqualTo(1_048_576L);
        var media = plugin.mediaTransport(context);
        assertThat(media.acceptsConcurrentAppends()).isFalse();
        assertThat(plugin.mediaTransport(new PlatformContext(Map.of(), clock)).acceptsConcurrentAppends()).isTrue();
        assertThat(media.prefersSingleRequest(TestMedia.png(dir, "a.png", 4, 4))).isTrue();
        assertThat(media.prefersSingleRequest(TestMedia.mp4(dir, "a.mp4", 100, 1))).isFalse();
    }

    @Test
    void withoutAClientIdConnectingExplainsHowToRegisterAnApp() {
        assertThatThrownBy(() -> new XPlatformPlugin().authorizer(new PlatformContext(Map.of(), clock)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OUTPOST_X_CLIENT_ID").hasMessageContaining("developer.x.com")
                .hasMessageContaining("Callback URI");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new XPlatformPlugin().mediaTransport(new PlatformContext(
                Map.of(XSettings.API_URL, "api.x.com"), clock))).hasMessageContaining("OUTPOST_X_API_URL");
        assertThatThrownBy(() -> new XPlatformPlugin().rules(new PlatformContext(
                Map.of(XSettings.CHUNK_SIZE, "4MB"), clock))).hasMessageContaining("OUTPOST_X_CHUNK_SIZE");
    }

    @Test
    void settingsNeverShowTheSecret() {
        var settings = XSettings.from(new PlatformContext(Map.of(XSettings.CLIENT_ID, "id",
                XSettings.CLIENT_SECRET, "s3cr3t-value"), clock));

        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("confidential=true");
    }
}
