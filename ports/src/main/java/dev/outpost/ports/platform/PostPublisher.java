package dev.outpost.ports.platform;

import dev.outpost.domain.post.RemotePost;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Creates posts on one platform, and says afterwards whether a post exists when its request went out without a clear
 * answer. Thread-safe; one call of {@link #publish} is one attempt (the core decides about retries).
 */
public interface PostPublisher {
    /**
     * Creates the post.
     *
     * @throws PlatformException.Ambiguous when the request may have reached the platform but no answer came: the core
     *     settles it with {@link #settle}, or sends it again if {@link #deduplicates()}
     * @throws PlatformException.Forbidden with {@link PlatformException.Forbidden.Reason#DUPLICATE_CONTENT} when the
     *     platform refuses the text as a duplicate of an earlier post (the message says so in the platform's terms)
     * @throws PlatformException.MediaExpired when attached media is gone from the platform and must be uploaded again
     */
    RemotePost publish(AccountAccess access, PostRequest request);

    /**
     * Whether the post {@code request} describes was created at or after {@code since}: by the idempotency key where
     * the platform keeps it, else by reading the account's recent posts. Makes no post.
     */
    Settlement settle(AccountAccess access, PostRequest request, Instant since);

    /**
     * Whether sending the same request again with the same idempotency key can never make a second post, so that an
     * ambiguous attempt may simply be repeated.
     */
    default boolean deduplicates() {
        return false;
    }

    /** A fresh idempotency key in the platform's form, chosen once per publication before its first attempt. */
    default String newIdempotencyKey(Instant now, RandomGenerator random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
