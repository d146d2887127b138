package dev.outpost.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.TestUploadContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How X's publisher settles a doubtful attempt by reading the account's recent posts (RELIABILITY.md P1, P3, P5):
 * text as X shows it, media, the time the publication began, and X's refusal to let the posts be read.
 */
class XSettlementSandboxTest {
    private static Sandbox sandbox;
    private static PostPublisher publisher;
    /** Fresh for each test: tests move the clock by hours, past a token's two hours. */
    private AccountAccess access;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = new Sandbox();
        publisher = new XPlatformPlugin().postPublisher(sandbox.context());
    }

    @BeforeEach
    void connect() {
        access = sandbox.access();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static PostRequest request(String text, List<PostRequest.Media> media) {
        return new PostRequest(text, media, null, UUID.randomUUID().toString(), Map.of());
    }

    private PostRequest.Media image() {
        MediaFile png = TestMedia.png(dir, "p" + UUID.randomUUID() + ".png", 8, 8);
        String ref = new XPlatformPlugin().mediaTransport(sandbox.context())
                .upload(TestUploadContext.builder(png, access).clock(sandbox.clock).build()).value();
        return new PostRequest.Media(ref, png.type(), null);
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aPostWithMediaIsFoundThoughXAppendsItsLinkToTheText() {
        Instant since = sandbox.clock.instant();
        PostRequest request = request(unique("With a picture"), List.of(image()));
        RemotePost post = publisher.publish(access, request);
        assertThat(sandbox.x.posts().get(sandbox.x.posts().size() - 1).text()).contains("https://t.co/");

        assertThat(publisher.settle(access, request, since)).isEqualTo(new Settlement.Found(post));
    }

    @Test
    void theSameTextWithOtherMediaIsNotThePost() {
        Instant since = sandbox.clock.instant();
        String text = unique("Same words");
        RemotePost other = publisher.publish(access, request(text, List.of(image())));

        Settlement settlement = publisher.settle(access, request(text, List.of(image())), since);

        assertThat(settlement).isEqualTo(new Settlement.Absent(other));
    }

    @Test
    void aDuplicateIsRefusedInPlainWordsAndSettlesAbsentWithTheEarlierPost() {
        String text = unique("Said once");
        RemotePost first = publisher.publish(access, request(text, List.of()));
        sandbox.clock.advance(Duration.ofHours(3));
        access = sandbox.access();
        Instant publicationCreated = sandbox.clock.instant();
        PostRequest again = request(text, List.of());

        assertThatThrownBy(() -> publisher.publish(access, again)).isInstanceOfSatisfying(
                PlatformException.Forbidden.class, e -> assertThat(e.reason())
                        .isEqualTo(PlatformException.Forbidden.Reason.DUPLICATE_CONTENT))
                .hasMessage("X refused this text as a duplicate of a recent post");
        Settlement settlement = publisher.settle(access, again, publicationCreated);

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Absent.class, absent -> {
            assertThat(absent.lookalike()).isEqualTo(first);
            assertThat(absent.lookalike().url()).hasToString("https://x.com/i/web/status/" + first.id());
        });
    }

    @Test
    void aPostMadeByAnEarlierAttemptOfThisPublicationIsFound() {
        Instant publicationCreated = sandbox.clock.instant();
        sandbox.clock.advance(Duration.ofSeconds(30));
        PostRequest request = request(unique("Sent before the crash"), List.of());
        RemotePost made = publisher.publish(access, request);
        sandbox.clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> publisher.publish(access, request)).isInstanceOf(PlatformException.Forbidden.class);
        assertThat(publisher.settle(access, request, publicationCreated)).isEqualTo(new Settlement.Found(made));
    }

    @Test
    void withoutReadAccessItIsUnknown() {
        AccountAccess writeOnly = sandbox.access(sandbox.x.issueTokens(sandbox.x.defaultUser().id(),
                Set.of("tweet.write", "users.read", "offline.access")));

        Settlement settlement = publisher.settle(writeOnly, request("anything", List.of()), sandbox.clock.instant());

        assertThat(settlement).isInstanceOfSatisfying(Settlement.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("X does not let Outpost read the account's posts",
                        "403"));
    }
}
