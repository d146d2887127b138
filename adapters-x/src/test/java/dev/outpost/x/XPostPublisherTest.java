package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the publisher reads from what people type and from what X shows, without a server. */
class XPostPublisherTest {
    private final XPostPublisher publisher = (XPostPublisher) new XPlatformPlugin().postPublisher(new PlatformContext(
            Map.of(XSettings.WEB_URL, "http://127.0.0.1:8089"), new TestClock(), new Sandbox.MemoryVault()));

    @ParameterizedTest
    @ValueSource(strings = {"1880028106020515840", " 1880028106020515840 ",
        "https://x.com/outpost_sandbox/status/1880028106020515840",
        "https://x.com/outpost_sandbox/status/1880028106020515840?s=20",
        "https://twitter.com/someone/status/1880028106020515840/photo/1",
        "http://www.twitter.com/someone/statuses/1880028106020515840",
        "https://mobile.twitter.com/someone/status/1880028106020515840",
        "https://x.com/i/web/status/1880028106020515840",
        "https://X.com/i/status/1880028106020515840#reply",
        "http://127.0.0.1:8089/i/web/status/1880028106020515840"})
    void aReplyNamesAPostByItsIdOrLink(String typed) {
        assertThat(publisher.postId(typed)).isEqualTo("1880028106020515840");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "https://example.com/someone/status/1880028106020515840",
        "https://x.com/someone", "https://x.com/someone/status/", "ftp://x.com/someone/status/1",
        "12345678901234567890123", "https://x.com/someone/status/123abc", "x.com/someone/status/1"})
    void anythingElseIsRefusedSayingWhatWouldDo(String typed) {
        assertThatThrownBy(() -> publisher.postId(typed)).isInstanceOfSatisfying(
                PlatformException.InvalidRequest.class, e -> assertThat(e.code()).isEqualTo("invalid_reply"))
                .hasMessageContaining("https://x.com/<user>/status/<id>");
    }

    @Test
    void xsTextMatchesWhatWasSentDespiteTheMediaLinkItAppends() {
        assertThat(PostText.matches("A clip", "A clip https://t.co/AbC123")).isTrue();
        assertThat(PostText.matches("See https://example.com", "See https://example.com https://t.co/x"))
                .isTrue();
        assertThat(PostText.matches("", "https://t.co/AbC123")).as("media alone").isTrue();
        assertThat(PostText.matches("  padded\n", "padded")).isTrue();
        assertThat(PostText.matches("caf\u00e9", "cafe\u0301")).as("NFC").isTrue();
        assertThat(PostText.matches("Tom & Jerry <3", "Tom &amp; Jerry &lt;3")).as("X's HTML entities").isTrue();
        assertThat(PostText.matches("&amp; literally", "&amp; literally")).isTrue();
        assertThat(PostText.matches("A clip", "A clip!")).isFalse();
        assertThat(PostText.matches("A clip https://t.co/AbC123", "A clip")).isFalse();
        assertThat(PostText.matches("A clip", null)).isFalse();
    }
}
