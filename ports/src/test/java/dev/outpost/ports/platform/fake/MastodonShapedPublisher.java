package dev.outpost.ports.platform.fake;

import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Mastodon-shaped plugin's posts: every attempt carries the publication's idempotency key, so an unclear attempt
 * may simply be sent again ({@link #deduplicates()}); settling reads the account's recent statuses. A reply names its
 * parent's status id, typed as an id or a link on the same server.
 */
final class MastodonShapedPublisher implements PostPublisher {
    private static final Pattern STATUS_ID = Pattern.compile("(?:^|/)(\\d{1,19})/?$");

    private final MastodonShapedPlatform platform;

    MastodonShapedPublisher(MastodonShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        String replyTo = request.replyTo() == null ? null : statusId(request.replyTo());
        FakePost post = platform.createStatus(access.account().server(), access.accessToken(), request.text(),
                request.mediaRefs(), replyTo, request.options(), request.idempotencyKey());
        return remote(post);
    }

    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
        List<FakePost> recent = platform.accountStatuses(access.account().server(), access.accessToken(),
                access.account().platformUserId(), since);
        return recent.stream().filter(p -> p.text().equals(request.text()) && p.media().equals(request.mediaRefs()))
                .reduce((newer, older) -> older).<Settlement>map(p -> new Settlement.Found(remote(p)))
                .orElseGet(() -> new Settlement.Absent(null));
    }

    @Override
    public boolean deduplicates() {
        return true;
    }

    private static RemotePost remote(FakePost post) {
        return new RemotePost(post.id(), post.url(), post.id());
    }

    private static String statusId(String typed) {
        Matcher m = STATUS_ID.matcher(typed.strip());
        if (!m.find()) {
            throw new PlatformException.InvalidRequest("invalid-reply", "'" + typed
                    + "' is neither a status id nor a link to a status");
        }
        return m.group(1);
    }
}
