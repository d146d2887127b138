package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bluesky-shaped plugin's posts: a record created under the publication's idempotency key (a TID the plugin
 * chose), embedding the blobs with their alt text; a reply names root and parent by URI and content id, carried in
 * the reply reference {@code <root uri> <root cid> <parent uri> <parent cid>}, or resolved from a typed link or
 * {@code at://} URI by reading that record. Settling asks whether a record exists under the key.
 */
final class BlueskyShapedPublisher implements PostPublisher {
    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final Pattern WEB_LINK = Pattern.compile("^https?://[^/]+/profile/([^/]+)/post/([a-z0-9]+)/?$");
    private static final Pattern AT_URI = Pattern.compile("^at://([^/]+)/" + Pattern.quote(
            BlueskyShapedPlatform.COLLECTION) + "/([a-z0-9]+)$");

    private final BlueskyShapedPlatform platform;
    private final AtomicLong lastMicros = new AtomicLong();

    BlueskyShapedPublisher(BlueskyShapedPlatform platform) {
        this.platform = platform;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        BlueskyShapedPlatform.StrongRef root = null;
        BlueskyShapedPlatform.StrongRef parent = null;
        if (request.replyTo() != null) {
            BlueskyShapedPlatform.StrongRef[] refs = replyRefs(access, request.replyTo());
            root = refs[0];
            parent = refs[1];
        }
        List<BlueskyShapedPlatform.Embedded> images = new ArrayList<>();
        BlueskyShapedPlatform.Embedded video = null;
        for (PostRequest.Media media : request.media()) {
            BlueskyShapedPlatform.Embedded embedded = new BlueskyShapedPlatform.Embedded(blobCid(media.ref()),
                    media.altText() == null ? "" : media.altText());
            if (media.type().kind() == MediaKind.VIDEO) {
                video = embedded;
            } else {
                images.add(embedded);
            }
        }
        String langs = request.options().get("langs");
        BlueskyShapedPlatform.PostRecord record = new BlueskyShapedPlatform.PostRecord(request.text(), images, video,
                root, parent, langs == null ? List.of() : Arrays.stream(langs.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(), platform.clock().instant());
        BlueskyShapedPlatform.Stored stored = platform.createRecord(access.credentials(),
                access.account().platformUserId(), request.idempotencyKey(), record);
        return remote(access, stored);
    }

    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
        try {
            return new Settlement.Found(remote(access, platform.getRecord(access.credentials(),
                    access.account().platformUserId(), request.idempotencyKey())));
        } catch (PlatformException.InvalidRequest e) {
            if ("RecordNotFound".equals(e.code())) {
                return new Settlement.Absent(null);
            }
            throw e;
        }
    }

    /** A TID: microseconds since the epoch and a clock id, in 13 sortable base-32 characters; never repeats here. */
    @Override
    public String newIdempotencyKey(Instant now, RandomGenerator random) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long unique = lastMicros.updateAndGet(last -> Math.max(last + 1, micros));
        long tid = (unique << 10) | random.nextInt(1024);
        tid &= Long.MAX_VALUE;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = TID_ALPHABET.charAt((int) (tid & 31));
            tid >>>= 5;
        }
        return new String(out);
    }

    private RemotePost remote(AccountAccess access, BlueskyShapedPlatform.Stored stored) {
        BlueskyShapedPlatform.StrongRef root = stored.record().root() != null ? stored.record().root()
                : new BlueskyShapedPlatform.StrongRef(stored.uri(), stored.cid());
        return new RemotePost(stored.uri(), BlueskyShapedPlatform.webUrl(access.account().handle(), stored.rkey()),
                root.uri() + " " + root.cid() + " " + stored.uri() + " " + stored.cid());
    }

    /** Root and parent of a reply to {@code replyTo}: a reply reference this plugin gave, or a typed post. */
    private BlueskyShapedPlatform.StrongRef[] replyRefs(AccountAccess access, String replyTo) {
        String[] parts = replyTo.strip().split(" ");
        if (parts.length == 4 && parts[0].startsWith("at://") && parts[2].startsWith("at://")) {
            return new BlueskyShapedPlatform.StrongRef[] {new BlueskyShapedPlatform.StrongRef(parts[0], parts[1]),
                new BlueskyShapedPlatform.StrongRef(parts[2], parts[3])};
        }
        Matcher m = WEB_LINK.matcher(replyTo.strip());
        if (!m.matches()) {
            m = AT_URI.matcher(replyTo.strip());
        }
        if (!m.matches()) {
            throw new PlatformException.InvalidRequest("invalid-reply", "'" + replyTo
                    + "' is neither a link to a post nor an at:// URI of one");
        }
        BlueskyShapedPlatform.Stored target = platform.getRecord(access.credentials(), m.group(1), m.group(2));
        BlueskyShapedPlatform.StrongRef parent = new BlueskyShapedPlatform.StrongRef(target.uri(), target.cid());
        BlueskyShapedPlatform.StrongRef root = target.record().root() != null ? target.record().root() : parent;
        return new BlueskyShapedPlatform.StrongRef[] {root, parent};
    }

    private static String blobCid(String ref) {
        String[] parts = ref.split(" ");
        if (parts.length != 3 || !parts[0].startsWith("bafk")) {
            throw new PlatformException.InvalidRequest("invalid-media", "'" + ref + "' is not a blob reference");
        }
        return parts[0];
    }
}
