package dev.outpost.ports.platform;

import java.time.Instant;
import java.util.List;

/**
 * Creates posts and reads an account's recent posts, for reconciling after an ambiguous failure. Thread-safe; one
 * call is one request.
 */
public interface PostPublisher {
    /**
     * Creates the post.
     *
     * @throws PlatformException.Ambiguous when the request may have reached the platform but no answer came: never
     *     retry blindly, reconcile
     * @throws PlatformException.Forbidden with {@link PlatformException.Forbidden.Reason#DUPLICATE_CONTENT} when the
     *     platform says the same text was already posted
     */
    PublishedPost publish(String accessToken, PostRequest request);

    /** The account's posts created at or after {@code since}, newest first, as many as the platform gives at once. */
    List<PublishedPost> recentPosts(String accessToken, String platformUserId, Instant since);

    /** Where people see the post with this id; no request is made. */
    java.net.URI postUrl(String postId);
}
