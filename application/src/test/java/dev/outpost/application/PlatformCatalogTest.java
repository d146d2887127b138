package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counts the apps show, over a plugin whose text limit also counts one of its options (the Mastodon-shaped fake
 * counts its content warning with the text, as the platform it imitates does): the live count and the check on
 * submit say the same, and nothing reaches the platform.
 */
class PlatformCatalogTest {
    @Test
    void anOptionTheLimitCountsIsMeasuredWithTheTextAndADraftOverItIsRefusedBeforeAnythingIsSent() {
        Engine engine = Engine.start(Shape.ONE_REQUEST_POLLED);
        Account account = engine.connect();
        int max = engine.core.platforms().rules(account.id()).primaryTextLimit().max();
        String text = "t".repeat(max - 20);
        Map<String, String> warning = Map.of("spoiler", "w".repeat(30));

        PlatformCatalog.TextCount alone = engine.core.platforms().measure(account.id(), text).get(0);
        PlatformCatalog.TextCount together = engine.core.platforms().measure(account.id(), text, warning).get(0);

        assertThat(alone.length()).isEqualTo(max - 20);
        assertThat(alone.over()).isFalse();
        assertThat(together.length()).isEqualTo(max + 10);
        assertThat(together.over()).isTrue();
        assertThat(together.alsoCounted()).containsExactly("Content warning");
        int before = engine.platform.calls().size();
        assertThatThrownBy(() -> engine.core.publications().submit(account.id(), new DraftInput(text, List.of(),
                null, null, warning))).isInstanceOfSatisfying(OutpostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OutpostException.Kind.INVALID_INPUT);
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("text");
                        assertThat(p.message()).isEqualTo(together.violation(engine.core.platforms()
                                .rules(account.id()).platformName()).message()).contains("content warning");
                    });
                });
        assertThat(engine.platform.calls()).hasSize(before);
    }
}
