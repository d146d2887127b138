package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts through {@code POST /2/tweets} and settles doubtful attempts by reading the account's recent posts through
 * {@code GET /2/users/{id}/tweets}. Post URLs are {@code https://x.com/i/web/status/{id}} (the host configurable),
 * which X redirects to the account's own URL, so no extra call is needed to learn the handle. A reply names the post
 * by its id, which is also what {@link RemotePost#replyRef()} holds; people may give a post's link instead. X keeps no
 * idempotency key, so a post is never sent again blindly ({@link #deduplicates()} is false). Thread-safe.
 */
final class XPostPublisher implements PostPublisher {
    static final String DUPLICATE_MESSAGE = "X refused this text as a duplicate of a recent post";
    /** How far before {@code since} posts are read, to name the earlier post a duplicate refusal is about. */
    static final Duration LOOKALIKE_WINDOW = Duration.ofDays(7);
    private static final Pattern POST_ID = Pattern.compile("\\d{1,19}");
    private static final Pattern STATUS_PATH = Pattern.compile(
            "/(?:i/web|i|[A-Za-z0-9_]{1,15})/status(?:es)?/(\\d{1,19})(?:/.*)?");
    private static final Set<String> X_HOSTS = Set.of("x.com", "twitter.com");

    private final XPostsApi posts;
    private final XUsersApi users;
    private final URI webUrl;

    XPostPublisher(XFeign feign, URI webUrl) {
        this.posts = feign.client(XPostsApi.class);
        this.users = feign.client(XUsersApi.class);
        this.webUrl = webUrl;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", request.text());
        if (!request.media().isEmpty()) {
            body.put("media", Map.of("media_ids", request.mediaRefs()));
        }
        if (request.replyTo() != null) {
            body.put("reply", Map.of("in_reply_to_tweet_id", postId(request.replyTo())));
        }
        JsonNode post;
        try {
            post = XJson.data(XErrorDecoder.call(() -> posts.create(bearer(access), body)));
        } catch (PlatformException.Forbidden refused) {
            if (refused.reason() == PlatformException.Forbidden.Reason.DUPLICATE_CONTENT) {
                throw new PlatformException.Forbidden(refused.reason(), DUPLICATE_MESSAGE);
            }
            throw refused;
        }
        String id = XJson.text(post, "id");
        if (id == null || id.isBlank()) {
            // X said yes but not to what: the post probably exists, so this must be settled, not repeated.
            throw new PlatformException.Ambiguous("X accepted POST /2/tweets but its answer names no post id", null);
        }
        return remote(id);
    }

    /**
     * Reads the account's posts from a week before {@code since} (X answers the newest 100): one created at or after
     * {@code since} (to the second, as X's {@code start_time}) with the request's text and media is the post; one with
     * the same text that is not it is the lookalike a duplicate refusal is about. X refusing the read (400, 403: no
     * {@code tweet.read}, a protected account) leaves it unknown.
     */
    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        String start = from.minus(LOOKALIKE_WINDOW).toString();
        JsonNode answer;
        try {
            answer = XErrorDecoder.call(() -> users.tweets(bearer(access), access.account().platformUserId(), start));
        } catch (PlatformException.Forbidden | PlatformException.InvalidRequest noReadAccess) {
            return new Settlement.Unknown("X does not let Outpost read the account's posts ("
                    + noReadAccess.getMessage() + ")");
        }
        RemotePost lookalike = null;
        for (JsonNode post : answer.path("data")) {
            String id = XJson.text(post, "id");
            if (id == null || !PostText.matches(request.text(), XJson.text(post, "text"))) {
                continue;
            }
            Instant created = instant(XJson.text(post, "created_at"));
            boolean recent = created == null || !created.isBefore(from);
            if (recent && sameMedia(request.mediaRefs(), mediaIds(post))) {
                return new Settlement.Found(remote(id));
            }
            if (lookalike == null) {
                lookalike = remote(id);
            }
        }
        return new Settlement.Absent(lookalike);
    }

    /** The id of the post {@code replyTo} names: an id, the link of an X post, or a reply reference of ours. */
    String postId(String replyTo) {
        String given = replyTo.strip();
        if (POST_ID.matcher(given).matches()) {
            return given;
        }
        try {
            URI link = URI.create(given);
            String host = link.getHost() == null ? "" : link.getHost().toLowerCase(Locale.ROOT);
            host = host.startsWith("www.") ? host.substring(4) : host.startsWith("mobile.") ? host.substring(7) : host;
            boolean ours = X_HOSTS.contains(host) || host.equalsIgnoreCase(webUrl.getHost());
            Matcher path = STATUS_PATH.matcher(link.getPath() == null ? "" : link.getPath());
            if (ours && link.getScheme() != null && link.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                    && path.matches()) {
                return path.group(1);
            }
        } catch (IllegalArgumentException notALink) {
            // answered below
        }
        throw new PlatformException.InvalidRequest("invalid_reply", "'" + given + "' is not an X post to reply to:"
                + " give the post's id or its link, such as https://x.com/<user>/status/<id>");
    }

    private RemotePost remote(String id) {
        return new RemotePost(id, URI.create(webUrl + "/i/web/status/" + id), id);
    }

    private static List<String> mediaIds(JsonNode post) {
        List<String> ids = new ArrayList<>();
        for (JsonNode key : post.path("attachments").path("media_keys")) {
            // A media key is "<type>_<media id>" (3_ photo, 7_ video, 16_ GIF, 13_ amplify video).
            String k = key.asText();
            ids.add(k.substring(k.indexOf('_') + 1));
        }
        return ids;
    }

    /** X may leave out which media a post carries; then the text must do. */
    private static boolean sameMedia(List<String> sent, List<String> found) {
        return found.isEmpty() || new HashSet<>(sent).equals(new HashSet<>(found));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String bearer(AccountAccess access) {
        return "Bearer " + access.accessToken();
    }
}
