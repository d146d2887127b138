package dev.outpost.ports.platform.fake;

import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.PublishedPost;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The fake platform's posts: the same non-empty text twice from one account is refused as duplicate content, media
 * must be processed and belong to the account, a reply must name an existing post.
 */
public final class FakePostPublisher implements PostPublisher {
    private static final int PAGE = 100;
    private final FakePlatform platform;

    FakePostPublisher(FakePlatform platform) {
        this.platform = platform;
    }

    @Override
    public PublishedPost publish(String accessToken, PostRequest request) {
        return platform.call(platform.newCall(Operation.PUBLISH, accessToken, null, -1, 0, request.text()), () -> {
            String userId = platform.requireToken(accessToken, "tweet.write");
            if (!request.text().isEmpty()
                    && platform.postsOf(userId).stream().anyMatch(p -> p.text().equals(request.text()))) {
                throw new PlatformException.Forbidden(PlatformException.Forbidden.Reason.DUPLICATE_CONTENT,
                        "You are not allowed to create a post with duplicate content.");
            }
            if (request.text().isEmpty() && request.mediaIds().isEmpty()) {
                throw new PlatformException.InvalidRequest("invalid-request", "a post needs text or media");
            }
            if (request.mediaIds().stream().anyMatch(id -> !platform.mediaTransport().isUsable(id, userId))) {
                throw new PlatformException.InvalidRequest("invalid-request", "Your media IDs are invalid.");
            }
            if (request.replyToPostId() != null
                    && platform.posts().stream().noneMatch(p -> p.id().equals(request.replyToPostId()))) {
                throw new PlatformException.InvalidRequest("invalid-request",
                        "the post " + request.replyToPostId() + " to reply to does not exist");
            }
            String id = platform.nextId();
            PublishedPost post = new PublishedPost(id, request.text(), request.mediaIds(), platform.clock().instant(),
                    postUrl(id));
            platform.addPost(userId, post);
            return post;
        });
    }

    @Override
    public List<PublishedPost> recentPosts(String accessToken, String platformUserId, Instant since) {
        return platform.call(platform.newCall(Operation.RECENT_POSTS, accessToken, null, -1, 0, null), () -> {
            platform.requireToken(accessToken, "tweet.read");
            if (platform.user(platformUserId) == null) {
                throw new PlatformException.InvalidRequest("resource-not-found", "no user " + platformUserId);
            }
            return platform.postsOf(platformUserId).stream()
                    .filter(p -> !p.createdAt().isBefore(since))
                    .sorted(Comparator.comparing(PublishedPost::createdAt).thenComparing(PublishedPost::id)
                            .reversed())
                    .limit(PAGE)
                    .toList();
        });
    }

    @Override
    public URI postUrl(String postId) {
        return URI.create("https://" + FakePlatform.HOST + "/i/web/status/" + postId);
    }
}
