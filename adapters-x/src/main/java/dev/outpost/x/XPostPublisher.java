package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.PublishedPost;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts through {@code POST /2/tweets} and reads an account's recent posts through
 * {@code GET /2/users/{id}/tweets}. Post URLs use {@code https://x.com/i/web/status/{id}} (the host configurable),
 * which X redirects to the account's own URL, so no extra call is needed to learn the handle. Thread-safe.
 */
final class XPostPublisher implements PostPublisher {
    private final XPostsApi posts;
    private final XUsersApi users;
    private final URI webUrl;

    XPostPublisher(XFeign feign, URI webUrl) {
        this.posts = feign.client(XPostsApi.class);
        this.users = feign.client(XUsersApi.class);
        this.webUrl = webUrl;
    }

    @Override
    public PublishedPost publish(String accessToken, PostRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", request.text());
        if (!request.mediaIds().isEmpty()) {
            body.put("media", Map.of("media_ids", request.mediaIds()));
        }
        if (request.replyToPostId() != null) {
            body.put("reply", Map.of("in_reply_to_tweet_id", request.replyToPostId()));
        }
        JsonNode post = XJson.data(XErrorDecoder.call(() -> posts.create("Bearer " + accessToken, body)));
        String id = XJson.text(post, "id");
        if (id == null || id.isBlank()) {
            // X said yes but not to what: the post probably exists, so this must be reconciled, not repeated.
            throw new PlatformException.Ambiguous("X accepted POST /2/tweets but its answer names no post id", null);
        }
        String text = XJson.text(post, "text");
        return new PublishedPost(id, text == null ? request.text() : text, request.mediaIds(), null, url(id));
    }

    @Override
    public List<PublishedPost> recentPosts(String accessToken, String platformUserId, Instant since) {
        String start = since.truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode answer = XErrorDecoder.call(() -> users.tweets("Bearer " + accessToken, platformUserId, start));
        List<PublishedPost> out = new ArrayList<>();
        for (JsonNode post : answer.path("data")) {
            String id = XJson.text(post, "id");
            if (id == null) {
                continue;
            }
            List<String> mediaIds = new ArrayList<>();
            for (JsonNode key : post.path("attachments").path("media_keys")) {
                // A media key is "<type>_<media id>" (3_ photo, 7_ video, 16_ GIF, 13_ amplify video).
                String k = key.asText();
                mediaIds.add(k.substring(k.indexOf('_') + 1));
            }
            out.add(new PublishedPost(id, XJson.text(post, "text"), mediaIds, instant(XJson.text(post,
                    "created_at")), url(id)));
        }
        return out;
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

    @Override
    public URI postUrl(String postId) {
        return URI.create(webUrl + "/i/web/status/" + postId);
    }

    private URI url(String id) {
        return postUrl(id);
    }
}
