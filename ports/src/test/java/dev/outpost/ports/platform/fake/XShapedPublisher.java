package dev.outpost.ports.platform.fake;

import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X-shaped plugin's posts: no idempotency key, so an unclear attempt is settled by reading the account's recent
 * posts and matching text (less the media link the platform appends) and media; a reply names its parent by id, typed
 * as an id or a link.
 */
final class XShapedPublisher implements PostPublisher {
    private static final Pattern MEDIA_LINK = Pattern.compile("\\s*https://t\\.co/\\S+$");
    private static final Pattern POST_ID = Pattern.compile("(?:^|/status/)(\\d{1,19})(?:[/?#].*)?$");
    /** How far before {@code since} settle looks for an older post with the same content. */
    private static final Duration LOOKALIKE_WINDOW = Duration.ofDays(1);

    private final XShapedPlatform platform;

    XShapedPublisher(XShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        String replyTo = request.replyTo() == null ? null : postId(request.replyTo());
        FakePost post = platform.createPost(access.accessToken(), request.text(), request.mediaRefs(), replyTo);
        return new RemotePost(post.id(), post.url(), post.id());
    }

    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
        List<FakePost> recent = platform.recentPosts(access.accessToken(), access.account().platformUserId(),
                since.minus(LOOKALIKE_WINDOW));
        FakePost lookalike = null;
        for (FakePost post : recent) {
            if (withoutMediaLink(post.text()).equals(request.text().strip()) && post.media().equals(
                    request.mediaRefs())) {
                if (!post.createdAt().isBefore(since)) {
                    return new Settlement.Found(new RemotePost(post.id(), post.url(), post.id()));
                }
                lookalike = lookalike == null ? post : lookalike;
            }
        }
        return new Settlement.Absent(lookalike == null ? null : new RemotePost(lookalike.id(), lookalike.url(),
                lookalike.id()));
    }

    /** The text as written, without the link the platform appends to a post with media. */
    static String withoutMediaLink(String text) {
        return MEDIA_LINK.matcher(text).replaceFirst("").strip();
    }

    private static String postId(String typed) {
        Matcher m = POST_ID.matcher(typed.strip());
        if (!m.find()) {
            throw new PlatformException.InvalidRequest("invalid-reply", "'" + typed
                    + "' is neither a post id nor a link to a post");
        }
        return m.group(1);
    }
}
