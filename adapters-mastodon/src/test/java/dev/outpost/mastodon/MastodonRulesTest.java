package dev.outpost.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.mastodonsandbox.Endpoint;
import dev.outpost.mastodonsandbox.SandboxUser;
import dev.outpost.ports.platform.Rulebook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each server's limits, read from its instance, cached, read again; and Mastodon's way of counting text. */
class MastodonRulesTest {
    private final Sandbox sandbox = new Sandbox();
    private final Rulebook rulebook = new MastodonPlatformPlugin().rulebook(sandbox.context());
    private final Account account = sandbox.account(SandboxUser.DEFAULT);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aServerWith5000CharactersGets5000AndItsOwnCaps() {
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(5000).withMaxMediaAttachments(8)
                .withSizeLimits(8L << 20, 40L << 20).withDescriptionLimit(3000));

        PlatformRules rules = rulebook.rules(account);

        assertThat(rules.platformName()).isEqualTo("Mastodon (" + ServerAddress.name(sandbox.server()) + ")");
        assertThat(rules.primaryTextLimit().max()).isEqualTo(5000);
        assertThat(rules.primaryTextLimit().unit()).isEqualTo("characters");
        assertThat(rules.maxMedia(MediaKind.IMAGE)).isEqualTo(8);
        assertThat(rules.maxMedia(MediaKind.VIDEO)).isEqualTo(1);
        assertThat(rules.admits(Map.of(MediaKind.IMAGE, 1, MediaKind.VIDEO, 1))).isFalse();
        assertThat(rules.maxBytes(MediaKind.IMAGE)).isEqualTo(8L << 20);
        assertThat(rules.maxBytes(MediaKind.GIF)).isEqualTo(8L << 20);
        assertThat(rules.maxBytes(MediaKind.VIDEO)).isEqualTo(40L << 20);
        assertThat(rules.maxAltTextLength()).isEqualTo(3000);
        assertThat(rules.acceptedTypes()).containsExactlyInAnyOrder(MediaType.values());
        assertThat(rules.options()).extracting(o -> o.key()).containsExactly("visibility", "content-warning",
                "sensitive", "language");
        assertThat(rules.option("visibility").orElseThrow().choices()).containsExactly("public", "unlisted",
                "private", "direct");
        assertThat(rules.option("language").orElseThrow().accepts("de")).isTrue();
        assertThat(rules.option("language").orElseThrow().accepts("xx-nonsense")).isFalse();
    }

    @Test
    void theLimitsAreCachedPerServerReadAgainAfterForgetOrTheirTimeAndStockWhenTheServerCannotBeAsked() {
        rulebook.rules(account);
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(1000));

        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(500);
        assertThat(sandbox.mastodon.requestsTo(Endpoint.INSTANCE)).hasSize(1);
        rulebook.forget(account);
        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(1000);
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(2000));
        sandbox.clock.advance(Duration.ofHours(7));
        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(2000);

        sandbox.close();
        rulebook.forget(account);
        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(500);
        assertThat(rulebook.defaults().platformName()).isEqualTo("Mastodon");
        assertThat(rulebook.defaults().primaryTextLimit().max()).isEqualTo(500);
    }

    @Test
    void theNextProcessReadsTheLimitsKeptInTheVaultInsteadOfAskingTheServerAgain() {
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(1000));
        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(1000);
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(2000));

        // Another command: a new plugin on the same storage (the sandbox's vault).
        Rulebook next = new MastodonPlatformPlugin().rulebook(sandbox.context());
        assertThat(next.rules(account).primaryTextLimit().max()).isEqualTo(1000);
        assertThat(next.rules(account).platformName()).isEqualTo("Mastodon (" + ServerAddress.name(sandbox.server())
                + ")");
        assertThat(sandbox.mastodon.requestsTo(Endpoint.INSTANCE)).hasSize(1);

        sandbox.clock.advance(Duration.ofHours(7));
        Rulebook later = new MastodonPlatformPlugin().rulebook(sandbox.context());
        assertThat(later.rules(account).primaryTextLimit().max()).as("kept too long: asked again").isEqualTo(2000);
        assertThat(sandbox.mastodon.requestsTo(Endpoint.INSTANCE)).hasSize(2);

        later.forget(account);
        sandbox.mastodon.limits(sandbox.mastodon.limits().withMaxCharacters(3000));
        assertThat(new MastodonPlatformPlugin().rulebook(sandbox.context()).rules(account).primaryTextLimit().max())
                .as("forgotten for every process").isEqualTo(3000);
    }

    @Test
    void unreadableKeptLimitsAreAskedForAgain() {
        sandbox.vault.put("limits " + ServerAddress.name(sandbox.server()), "{not json");

        assertThat(rulebook.rules(account).primaryTextLimit().max()).isEqualTo(500);
        assertThat(sandbox.mastodon.requestsTo(Endpoint.INSTANCE)).hasSize(1);
    }

    @Test
    void textCountsGraphemesUrlsAs23AndRemoteMentionsAsTheUserAlone() {
        MastodonTextMeasure measure = new MastodonTextMeasure(23);

        assertThat(measure.weightedLength("hello")).isEqualTo(5);
        assertThat(measure.weightedLength("👩‍👩‍👧‍👦🇫🇷é")).as("a family, a flag, e + accent").isEqualTo(3);
        assertThat(measure.weightedLength("see https://example.com/" + "x".repeat(300) + ".")).isEqualTo(4 + 23 + 1);
        assertThat(measure.weightedLength("http://a.b")).isEqualTo(23);
        assertThat(measure.weightedLength("hi @bob@mastodon.example.org!")).isEqualTo("hi @bob!".length());
        assertThat(measure.weightedLength("hi @bob")).isEqualTo(7);
        assertThat(measure.weightedLength("mail me: bob@example.org")).isEqualTo(24);
        assertThat(measure.weightedLength(null)).isZero();
        assertThat(new MastodonTextMeasure(40).weightedLength("https://x.org")).isEqualTo(40);
    }

    @Test
    void theServerTakesExactlyWhatTheMeasureAllows() {
        var publisher = new MastodonPlatformPlugin().postPublisher(sandbox.context());
        var access = sandbox.access();
        String text = "x".repeat(500 - 23 - 2 - 4) + " https://example.com/" + "y".repeat(100) + " @bob@far.example";
        PlatformRules rules = rulebook.rules(account);

        assertThat(rules.primaryTextLimit().count(text)).isEqualTo(500);
        publisher.publish(access, new dev.outpost.ports.platform.PostRequest(text, List.of(), null, "a", Map.of()));
        assertThat(rules.primaryTextLimit().count("z" + text)).isEqualTo(501);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.publish(access,
                new dev.outpost.ports.platform.PostRequest("z" + text, List.of(), null, "b", Map.of())))
                .hasMessageContaining("Text character limit of 500 exceeded");
    }

    @Test
    void theContentWarningCountsWithTheTextAsOnTheServer() {
        var publisher = new MastodonPlatformPlugin().postPublisher(sandbox.context());
        var access = sandbox.access();
        PlatformRules rules = rulebook.rules(account);
        String text = "t".repeat(480);
        String warning = "w".repeat(30);

        List<dev.outpost.domain.post.Violation> refused = new dev.outpost.domain.post.DraftValidator(rules)
                .validate(new dev.outpost.domain.post.Draft(text, List.of(), null, null,
                        Map.of(MastodonRulebook.CONTENT_WARNING, warning)), sandbox.clock.instant());

        assertThat(refused).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("text");
            assertThat(v.message()).contains("the text and the content warning count 510 characters together",
                    "limit of 500");
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> publisher.publish(access,
                new dev.outpost.ports.platform.PostRequest(text, List.of(), null, "cw",
                        Map.of(MastodonRulebook.CONTENT_WARNING, warning))))
                .as("the server agrees").hasMessageContaining("Text character limit of 500 exceeded");
        assertThat(rules.primaryTextLimit().count(text, Map.of(MastodonRulebook.CONTENT_WARNING, "w".repeat(20))))
                .isEqualTo(500);
        publisher.publish(access, new dev.outpost.ports.platform.PostRequest(text, List.of(), null, "cw2",
                Map.of(MastodonRulebook.CONTENT_WARNING, "w".repeat(20))));
    }
}
