package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.RemotePost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostPublisher} does, real or fake: posts exist once published, with their media and alt text; a
 * reply names the post it answers (read back from the platform, not taken on the publisher's word); {@link
 * PostPublisher#settle} finds a post by its request; and what the plugin declares in its {@link PlatformCapabilities}
 * holds (duplicate text refused, or the same key giving the same post).
 *
 * <p>Subclasses supply the subject, one account's valid credentials, attachable media of that account, and a way to
 * read a post back behind the publisher's back.
 */
public abstract class PostPublisherContract {
    private final Random random = new Random(42);

    protected PostPublisher publisher;

    protected abstract PostPublisher createPublisher();

    /** A valid account and credentials that may post and read the account's posts. */
    protected abstract AccountAccess access();

    protected abstract PlatformCapabilities capabilities();

    /**
     * An image uploaded by that account and ready to attach, as the core would pass it: its reference, its type, and
     * {@code altText} (which the test gave the upload too, for platforms that take alt text there).
     */
    protected abstract PostRequest.Media attachableImage(String altText);

    /** The post as the platform holds it, read behind the publisher's back; empty when there is no such post. */
    protected abstract Optional<StoredPost> readBack(RemotePost post);

    /** The platform's clock now. */
    protected abstract Instant now();

    /** Lets time pass on the platform's clock. */
    protected void waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected TokenSet invalidCredentials() {
        return TokenSet.issued("bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ", null, null, null);
    }

    /** A media reference of the platform's shape that was never issued. */
    protected String unknownMediaRef() {
        return "1234567890123456789";
    }

    /** How the platform names attached media in what {@link #readBack} reports; the reference itself by default. */
    protected String storedMediaId(PostRequest.Media media) {
        return media.ref();
    }

    /** How a user would type a reference to {@code post} to reply to it: its link by default. */
    protected String typedReference(RemotePost post) {
        return post.url() == null ? post.id() : post.url().toString();
    }

    /** Options the platform accepts, to check they reach the post; empty for a platform without options. */
    protected Map<String, String> validOptions() {
        return Map.of();
    }

    /**
     * A post as the platform holds it.
     *
     * @param id the platform's id, as {@link RemotePost#id()} gives it
     * @param text its text as stored (a platform may add to it, such as a link)
     * @param media the media references attached, in order
     * @param altTexts the alt text of each attachment (null entries for none); empty when the platform does not say
     * @param inReplyTo the id of the post it answers, or null
     * @param threadRoot the id of its thread's first post when the platform keeps it, else null
     * @param options the options it was posted with, as far as the platform tells
     */
    public record StoredPost(String id, String text, List<String> media, List<String> altTexts, String inReplyTo,
            String threadRoot, Map<String, String> options) {
        public StoredPost {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            media = List.copyOf(media);
            altTexts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(altTexts));
            options = Map.copyOf(options);
        }
    }

    @BeforeEach
    void createSubject() {
        publisher = createPublisher();
    }

    @Test
    public void aPublishedPostExistsAndSettlesAsFound() {
        Instant since = now();
        PostRequest request = request(unique("Hello from the contract"), List.of(), null);

        RemotePost post = publisher.publish(access(), request);

        assertThat(post.id()).isNotBlank();
        assertThat(post.replyRef()).isNotBlank();
        assertThat(readBack(post)).hasValueSatisfying(p -> {
            assertThat(p.id()).isEqualTo(post.id());
            assertThat(p.text()).startsWith(request.text());
            assertThat(p.inReplyTo()).isNull();
        });
        assertThat(publisher.settle(access(), request, since)).isInstanceOfSatisfying(Settlement.Found.class,
                found -> assertThat(found.post().id()).isEqualTo(post.id()));
    }

    @Test
    public void mediaIsAttachedWithItsAltText() {
        PostRequest.Media image = attachableImage("A test pattern of coloured noise");
        PostRequest request = request(unique("With media"), List.of(image), null);

        RemotePost post = publisher.publish(access(), request);

        assertThat(readBack(post)).hasValueSatisfying(p -> {
            assertThat(p.media()).containsExactly(storedMediaId(image));
            if (!p.altTexts().isEmpty()) {
                assertThat(p.altTexts()).containsExactly("A test pattern of coloured noise");
            }
        });
    }

    @Test
    public void aReplyNamesItsParentAndItsThread() {
        RemotePost first = publisher.publish(access(), request(unique("Thread start"), List.of(), null));

        RemotePost second = publisher.publish(access(), request(unique("Thread reply"), List.of(),
                first.replyRef()));
        RemotePost third = publisher.publish(access(), request(unique("Thread reply to the reply"), List.of(),
                second.replyRef()));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(readBack(second)).hasValueSatisfying(p -> {
            assertThat(p.inReplyTo()).as("the parent of the reply").isEqualTo(first.id());
            assertThat(p.threadRoot()).isIn(null, first.id());
        });
        assertThat(readBack(third)).hasValueSatisfying(p -> {
            assertThat(p.inReplyTo()).as("the parent of the reply to the reply").isEqualTo(second.id());
            assertThat(p.threadRoot()).as("the thread's first post").isIn(null, first.id());
        });
    }

    @Test
    public void aReplyToAPostTheUserTypedNamesThatPost() {
        RemotePost first = publisher.publish(access(), request(unique("Somebody's post"), List.of(), null));

        RemotePost reply = publisher.publish(access(), request(unique("Answer"), List.of(), typedReference(first)));

        assertThat(readBack(reply)).hasValueSatisfying(p -> assertThat(p.inReplyTo()).isEqualTo(first.id()));
    }

    @Test
    public void aRequestNeverSentIsNotFound() {
        publisher.publish(access(), request(unique("Another post"), List.of(), null));

        Settlement settlement = publisher.settle(access(), request(unique("Never sent"), List.of(), null),
                now().minus(Duration.ofMinutes(5)));

        assertThat(settlement).isNotInstanceOf(Settlement.Found.class);
    }

    @Test
    public void theDeclaredDeduplicationHolds() {
        assertThat(publisher.deduplicates()).isEqualTo(capabilities().deduplicatesByKey());
        PostRequest request = request(unique("Sent twice with one key"), List.of(), null);
        RemotePost first = publisher.publish(access(), request);
        assumeThat(publisher.deduplicates()).as("the same key gives the same post").isTrue();

        RemotePost again = publisher.publish(access(), request);

        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    public void idempotencyKeysAreFresh() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key = publisher.newIdempotencyKey(now(), random);
            assertThat(key).isNotBlank();
            keys.add(key);
        }
        assertThat(keys).hasSize(100);
    }

    @Test
    public void theSameTextTwiceIsRefusedOrPostedAsThePlatformDeclares() {
        String text = unique("Said once");
        RemotePost first = publisher.publish(access(), request(text, List.of(), null));
        waitFor(Duration.ofSeconds(2));
        Instant since = now();
        PostRequest second = request(text, List.of(), null);

        if (capabilities().refusesDuplicateText()) {
            assertThatThrownBy(() -> publisher.publish(access(), second))
                    .isInstanceOfSatisfying(PlatformException.Forbidden.class, e -> assertThat(e.reason())
                            .isEqualTo(PlatformException.Forbidden.Reason.DUPLICATE_CONTENT));
            Settlement settlement = publisher.settle(access(), second, since);
            assertThat(settlement).as("the refused request made no post").isNotInstanceOf(Settlement.Found.class);
            if (settlement instanceof Settlement.Absent absent && absent.lookalike() != null) {
                assertThat(absent.lookalike().id()).isEqualTo(first.id());
            }
        } else {
            RemotePost other = publisher.publish(access(), second);
            assertThat(other.id()).isNotEqualTo(first.id());
        }
    }

    @Test
    public void unknownMediaIsRefused() {
        PostRequest request = request(unique("Ghost media"), List.of(new PostRequest.Media(unknownMediaRef(),
                dev.outpost.domain.media.MediaType.PNG, null)), null);

        assertThatThrownBy(() -> publisher.publish(access(), request))
                .isInstanceOfAny(PlatformException.InvalidRequest.class, PlatformException.MediaExpired.class);
    }

    @Test
    public void optionsReachThePost() {
        Map<String, String> options = validOptions();
        assumeThat(options).as("options of the platform").isNotEmpty();
        PostRequest request = new PostRequest(unique("With options"), List.of(), null, key(), options);

        RemotePost post = publisher.publish(access(), request);

        assertThat(readBack(post)).hasValueSatisfying(p -> assertThat(p.options()).containsAllEntriesOf(options));
    }

    @Test
    public void refusedCredentialsAreUnauthorizedAndFindNothing() {
        AccountAccess invalid = new AccountAccess(access().account(), invalidCredentials());
        PostRequest request = request(unique("Nope"), List.of(), null);

        assertThatThrownBy(() -> publisher.publish(invalid, request))
                .isInstanceOf(PlatformException.Unauthorized.class)
                .hasMessageNotContaining(invalidCredentials().accessToken());
        // Settling may read what the platform shows to anyone (a record by its key): then it finds nothing.
        try {
            assertThat(publisher.settle(invalid, request, now())).isNotInstanceOf(Settlement.Found.class);
        } catch (PlatformException.Unauthorized expected) {
            assertThat(expected).hasMessageNotContaining(invalidCredentials().accessToken());
        }
    }

    /** A request with a fresh idempotency key and no options. */
    protected PostRequest request(String text, List<PostRequest.Media> media, String replyTo) {
        return new PostRequest(text, media, replyTo, key(), Map.of());
    }

    protected String key() {
        return publisher.newIdempotencyKey(now(), random);
    }

    protected static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
