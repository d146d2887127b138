package dev.outpost.ports.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostPublisher} does, real or fake. Subclasses supply the subject, one account's valid access
 * token and platform user id, processed media of that account, and the platform's current time.
 */
public abstract class PostPublisherContract {
    protected PostPublisher publisher;

    protected abstract PostPublisher createPublisher();

    /** A valid access token that may post and read the account's posts. */
    protected abstract String accessToken();

    /** The platform's id of the account behind {@link #accessToken()}. */
    protected abstract String platformUserId();

    /** The id of media uploaded by that account and processed, ready to attach. */
    protected abstract String processedMediaId();

    /** The platform's clock now. */
    protected abstract Instant now();

    /** Whether recent posts name their media ids (X and the fake do; the port allows a platform not to). */
    protected boolean reportsMediaIds() {
        return true;
    }

    protected String invalidAccessToken() {
        return "bm90LWEtdmFsaWQtdG9rZW46MTcwMDAwMDAwMDAwMDoxOjE6YXQ6MQ";
    }

    @BeforeEach
    void createSubject() {
        publisher = createPublisher();
    }

    @Test
    public void publishingReturnsAnIdAndUrlThatRecentPostsFinds() {
        Instant since = now().minus(Duration.ofMinutes(1));
        String text = unique("Hello from the contract");

        PublishedPost post = publisher.publish(accessToken(), new PostRequest(text, List.of(), null));

        assertThat(post.id()).isNotBlank();
        assertThat(post.url().toString()).contains(post.id());
        assertThat(publisher.postUrl(post.id())).isEqualTo(post.url());
        List<PublishedPost> recent = publisher.recentPosts(accessToken(), platformUserId(), since);
        assertThat(recent).filteredOn(p -> p.id().equals(post.id())).singleElement()
                .satisfies(p -> assertThat(p.text()).startsWith(text));
    }

    @Test
    public void mediaIsAttachedAndReportedByRecentPosts() {
        Instant since = now().minus(Duration.ofMinutes(1));
        String media = processedMediaId();

        PublishedPost post = publisher.publish(accessToken(), new PostRequest(unique("With media"), List.of(media),
                null));

        List<PublishedPost> recent = publisher.recentPosts(accessToken(), platformUserId(), since);
        assertThat(recent).filteredOn(p -> p.id().equals(post.id())).singleElement()
                .satisfies(p -> {
                    if (reportsMediaIds() || !p.mediaIds().isEmpty()) {
                        assertThat(p.mediaIds()).containsExactly(media);
                    }
                });
    }

    @Test
    public void aReplyIsPublished() {
        PublishedPost first = publisher.publish(accessToken(), new PostRequest(unique("Thread start"), List.of(),
                null));

        PublishedPost reply = publisher.publish(accessToken(), new PostRequest(unique("Thread reply"), List.of(),
                first.id()));

        assertThat(reply.id()).isNotEqualTo(first.id());
    }

    @Test
    public void theSameTextTwiceIsForbiddenAsDuplicateContent() {
        String text = unique("Said once");
        publisher.publish(accessToken(), new PostRequest(text, List.of(), null));

        assertThatThrownBy(() -> publisher.publish(accessToken(), new PostRequest(text, List.of(), null)))
                .isInstanceOfSatisfying(PlatformException.Forbidden.class,
                        e -> assertThat(e.reason()).isEqualTo(PlatformException.Forbidden.Reason.DUPLICATE_CONTENT));
    }

    @Test
    public void unknownMediaIsAnInvalidRequest() {
        assertThatThrownBy(() -> publisher.publish(accessToken(), new PostRequest(unique("Ghost media"),
                List.of("1234567890123456789"), null))).isInstanceOf(PlatformException.InvalidRequest.class);
    }

    @Test
    public void anInvalidTokenIsUnauthorized() {
        assertThatThrownBy(() -> publisher.publish(invalidAccessToken(), new PostRequest(unique("Nope"), List.of(),
                null))).isInstanceOf(PlatformException.Unauthorized.class).hasMessageNotContaining(
                        invalidAccessToken());
        assertThatThrownBy(() -> publisher.recentPosts(invalidAccessToken(), platformUserId(), now()))
                .isInstanceOf(PlatformException.Unauthorized.class);
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
