package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class XPlatformPluginTest {
    private final TestClock clock = new TestClock();

    private PlatformContext context(Map<String, String> settings) {
        return new PlatformContext(settings, clock, new Sandbox.MemoryVault());
    }

    @Test
    void serviceLoaderFindsX() {
        assertThat(ServiceLoader.load(PlatformPlugin.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(p -> p.id().equals("x")).singleElement()
                .satisfies(p -> assertThat(p.displayName()).isEqualTo("X"))
                .isInstanceOf(XPlatformPlugin.class);
    }

    @Test
    void xsRulesAreTheSameForEveryAccount() {
        var rulebook = new XPlatformPlugin().rulebook(context(Map.of()));
        var rules = rulebook.defaults();
        Account account = new Account(AccountId.of("x", "42"), "42", "someone", null, AccountStatus.CONNECTED,
                Instant.EPOCH);

        assertThat(rulebook.rules(account)).isEqualTo(rules);
        assertThat(rules.platformName()).isEqualTo("X");
        assertThat(rules.textLimits()).singleElement().satisfies(limit -> {
            assertThat(limit.unit()).isEqualTo("characters");
            assertThat(limit.max()).isEqualTo(280);
            assertThat(limit.measure()).isInstanceOf(XTextMeasure.class);
        });
        assertThat(rules.mediaCombinations()).containsExactly(Map.of(MediaKind.IMAGE, 4), Map.of(MediaKind.GIF, 1),
                Map.of(MediaKind.VIDEO, 1));
        assertThat(rules.admits(Map.of(MediaKind.IMAGE, 1, MediaKind.VIDEO, 1))).isFalse();
        assertThat(rules.describeCombinations()).isEqualTo("up to 4 images, or 1 GIF, or 1 video");
        assertThat(rules.maxBytes(MediaKind.IMAGE)).isEqualTo(5L << 20);
        assertThat(rules.maxBytes(MediaKind.GIF)).isEqualTo(15L << 20);
        assertThat(rules.maxBytes(MediaKind.VIDEO)).isEqualTo(512L << 20);
        assertThat(rules.acceptedTypes()).containsExactlyInAnyOrder(MediaType.values());
        assertThat(rules.maxAltTextLength()).isEqualTo(1000);
        assertThat(rules.options()).isEmpty();
    }

    @Test
    void theChunkSizeAndConcurrencyAreXsOwnSettings() {
        var plugin = new XPlatformPlugin();
        var media = (XMediaTransport) plugin.mediaTransport(context(Map.of(XSettings.CHUNK_SIZE, "1048576",
                XSettings.CONCURRENT_APPENDS, "false")));
        var defaults = (XMediaTransport) plugin.mediaTransport(context(Map.of()));

        assertThat(media.chunkSize()).isEqualTo(1_048_576L);
        assertThat(media.concurrentAppends()).isFalse();
        assertThat(defaults.chunkSize()).isEqualTo(ChunkPlan.DEFAULT_CHUNK_SIZE);
        assertThat(defaults.concurrentAppends()).isTrue();
    }

    @Test
    void oneRedirectSignInWithoutFieldsAndATokenImport() {
        var authorizer = new XPlatformPlugin().authorizer(context(Map.of(XSettings.CLIENT_ID, "id")));

        assertThat(authorizer.signInMethods()).singleElement().satisfies(method -> {
            assertThat(method.id()).isEqualTo("oauth");
            assertThat(method.label()).isEqualTo("Sign in with X");
            assertThat(method.redirect()).isTrue();
            assertThat(method.fields()).isEmpty();
        });
        assertThat(authorizer.importFields()).extracting(f -> f.key())
                .containsExactly("access-token", "refresh-token", "expires-in", "scope");
        assertThat(authorizer.importFields()).filteredOn(f -> f.secret()).extracting(f -> f.key())
                .containsExactly("access-token", "refresh-token");
        assertThat(authorizer.importFields()).filteredOn(f -> f.required()).extracting(f -> f.key())
                .containsExactly("access-token");
    }

    @Test
    void withoutAClientIdConnectingExplainsHowToRegisterAnApp() {
        assertThatThrownBy(() -> new XPlatformPlugin().authorizer(context(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OUTPOST_X_CLIENT_ID").hasMessageContaining("developer.x.com")
                .hasMessageContaining("Callback URI");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new XPlatformPlugin().mediaTransport(context(Map.of(XSettings.API_URL,
                "api.x.com")))).hasMessageContaining("OUTPOST_X_API_URL");
        assertThatThrownBy(() -> new XPlatformPlugin().mediaTransport(context(Map.of(XSettings.CHUNK_SIZE, "4MB"))))
                .hasMessageContaining("OUTPOST_X_CHUNK_SIZE");
        assertThatThrownBy(() -> new XPlatformPlugin().mediaTransport(context(Map.of(XSettings.CHUNK_SIZE, "0"))))
                .hasMessageContaining("OUTPOST_X_CHUNK_SIZE");
    }

    @Test
    void settingsNeverShowTheSecret() {
        var settings = XSettings.from(context(Map.of(XSettings.CLIENT_ID, "id",
                XSettings.CLIENT_SECRET, "s3cr3t-value")));

        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("confidential=true");
    }
}
