package dev.outpost.xsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.twitter.twittertext.TwitterTextParser;

import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** {@code POST /2/tweets} and the reads a client needs to reconcile after an ambiguous failure (FACTS §5). */
final class TweetRoutes {
    private static final int MAX_WEIGHTED_LENGTH = 280;
    private static final String TOO_LONG = "Your Tweet text is too long. For more information on how Twitter determines "
            + "text length see https://github.com/twitter/twitter-text.";

    /** X writes times with milliseconds, always: 2026-03-01T10:06:00.000Z. */
    private static final java.time.format.DateTimeFormatter CREATED_AT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final SandboxRuntime runtime;
    final List<Post> posts = new CopyOnWriteArrayList<>();

    TweetRoutes(SandboxRuntime runtime) {
        this.runtime = runtime;
    }

    void create(Call call) {
        runtime.requireScopes(call, "tweet.read", "tweet.write", "users.read");
        JsonNode body = call.jsonBody();
        if (!body.isObject()) {
            throw ApiProblem.invalidJson();
        }
        String text = body.path("text").isTextual() ? body.get("text").asText() : null;
        List<String> mediaIds = new ArrayList<>();
        body.path("media").path("media_ids").forEach(n -> mediaIds.add(n.asText()));
        if (body.has("media") && (mediaIds.isEmpty() || mediaIds.size() > 4)) {
            throw ApiProblem.invalidRequest("`media.media_ids` must hold 1 to 4 media ids.",
                    Json.object("media.media_ids", mediaIds));
        }
        if ((text == null || text.isEmpty()) && mediaIds.isEmpty()) {
            throw ApiProblem.invalidRequest("Post text or media is required.", Json.object("text", List.of("")));
        }
        List<MediaItem> media = checkMedia(call.userId(), mediaIds);
        String submitted = text == null ? "" : text;
        if (!submitted.isEmpty()) {
            String normalized = Normalizer.normalize(submitted, Normalizer.Form.NFC);
            if (TwitterTextParser.parseTweet(normalized).weightedLength > MAX_WEIGHTED_LENGTH) {
                throw ApiProblem.invalidRequest(TOO_LONG);
            }
        }
        String replyTo = body.path("reply").path("in_reply_to_tweet_id").isMissingNode() ? null
                : body.path("reply").path("in_reply_to_tweet_id").asText();
        if (replyTo != null && find(replyTo) == null) {
            // X's wording for a missing reply target is not documented (FACTS §5): a clear 400 will do
            throw ApiProblem.invalidRequest("The post you are replying to (" + replyTo + ") does not exist.",
                    Json.object("reply.in_reply_to_tweet_id", List.of(replyTo)));
        }
        Post post;
        synchronized (posts) {
            // duplicate text from the same user is refused with 403 (FACTS §5)
            boolean duplicate = !submitted.isEmpty() && posts.stream()
                    .anyMatch(p -> p.authorId().equals(call.userId()) && p.submittedText().equals(submitted));
            if (duplicate) {
                throw ApiProblem.duplicateContent();
            }
            String id = runtime.ids.next();
            String shown = submitted;
            if (!media.isEmpty() && runtime.config.appendMediaLinkToText()) {
                shown = (submitted.isEmpty() ? "" : submitted + " ") + "https://t.co/" + shortCode(id);
            }
            post = new Post(id, call.userId(), shown, submitted, mediaIds,
                    media.stream().map(MediaItem::mediaKey).toList(), replyTo, CREATED_AT.format(runtime.now()));
            posts.add(post);
        }
        call.json(201, Json.object("data", Json.object("id", post.id(), "text", post.text(),
                runtime.config.editHistoryField(), List.of(post.id()))));
    }

    /** The page a post's link opens, like x.com's {@code /i/web/status/{id}}: no API, no token. */
    void page(io.javalin.http.Context ctx) {
        Post post = find(ctx.pathParam("id"));
        ctx.header("X-Content-Type-Options", "nosniff");
        if (post == null) {
            ctx.status(404).html(ConsentPage.error("No post " + ctx.pathParam("id") + " in this sandbox."));
            return;
        }
        SandboxUser author = runtime.authorizations.users.get(post.authorId());
        String handle = author == null ? post.authorId() : author.username();
        ctx.html("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Post %s — X sandbox</title></head>
                <body><p>X sandbox: this post exists only in the emulator.</p>
                <article id="post"><p><strong>@%s</strong> · <time>%s</time></p><p id="text">%s</p>
                <p id="media">%d media attached</p></article></body></html>
                """.formatted(ConsentPage.esc(post.id()), ConsentPage.esc(handle), ConsentPage.esc(post.createdAt()),
                ConsentPage.esc(post.text()), post.mediaIds().size()));
    }

    void lookup(Call call) {
        runtime.requireScopes(call, "tweet.read", "users.read");
        String id = call.ctx.pathParam("id");
        Post post = find(id);
        Set<String> fields = fields(call.ctx.queryParam("tweet.fields"));
        if (post == null) {
            // X answers 200 with only errors for a missing post
            call.json(200, Json.object("errors", List.of(Json.object("value", id, "detail", "Could not find tweet with id: [" + id + "].",
                    "title", "Not Found Error", "resource_type", "tweet", "parameter", "id", "resource_id", id,
                    "type", runtime.config.problemTypeHost() + "/2/problems/resource-not-found"))));
            return;
        }
        call.json(200, Json.object("data", view(post, fields)));
    }

    void userTweets(Call call) {
        runtime.requireScopes(call, "tweet.read", "users.read");
        String userId = call.ctx.pathParam("id");
        int maxResults = intParam(call, "max_results", 10);
        if (maxResults < 5 || maxResults > 100) {
            throw ApiProblem.invalidRequest("The `max_results` query parameter value [" + maxResults + "] is not between 5 and 100",
                    Json.object("max_results", List.of(String.valueOf(maxResults))));
        }
        Instant start = instantParam(call, "start_time");
        Instant end = instantParam(call, "end_time");
        String sinceId = call.ctx.queryParam("since_id");
        String untilId = call.ctx.queryParam("until_id");
        String olderThan = call.ctx.queryParam("pagination_token");
        List<Post> mine = posts.stream()
                .filter(p -> p.authorId().equals(userId))
                .filter(p -> start == null || !Instant.parse(p.createdAt()).isBefore(start))
                .filter(p -> end == null || Instant.parse(p.createdAt()).isBefore(end))
                .filter(p -> sinceId == null || compareIds(p.id(), sinceId) > 0)
                .filter(p -> untilId == null || compareIds(p.id(), untilId) < 0)
                .filter(p -> olderThan == null || compareIds(p.id(), olderThan) < 0)
                .sorted(Comparator.comparing(Post::id, TweetRoutes::compareIds).reversed())
                .collect(Collectors.toCollection(ArrayList::new));
        List<Post> page = mine.subList(0, Math.min(maxResults, mine.size()));
        Set<String> fields = fields(call.ctx.queryParam("tweet.fields"));
        Map<String, Object> meta = Json.object("result_count", page.size(),
                "newest_id", page.isEmpty() ? null : page.get(0).id(),
                "oldest_id", page.isEmpty() ? null : page.get(page.size() - 1).id(),
                "next_token", mine.size() > page.size() ? page.get(page.size() - 1).id() : null);
        call.json(200, page.isEmpty() ? Json.object("meta", meta)
                : Json.object("data", page.stream().map(p -> view(p, fields)).toList(), "meta", meta));
    }

    Post find(String id) {
        return posts.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    /** Every id must exist, be usable by the caller, unexpired and processed; then X's mix rule. */
    private List<MediaItem> checkMedia(String userId, List<String> mediaIds) {
        Instant now = runtime.now();
        List<MediaItem> media = new ArrayList<>();
        for (String id : mediaIds) {
            runtime.media.find(id).ifPresent(m -> MediaLibrary.settle(m, now, runtime.config.processingDuration()));
            MediaItem item = runtime.media.find(id)
                    .filter(m -> m.usableBy(userId) && !m.expired(now) && m.readyAt(now, runtime.config.processingDuration()))
                    .orElseThrow(() -> ApiProblem.invalidMediaIds(mediaIds));
            media.add(item);
        }
        long photos = media.stream().filter(m -> m.kind == MediaItem.Kind.PHOTO).count();
        if (photos != media.size() && media.size() > 1) {
            // "up to 4 photos, 1 animated GIF or 1 video" (FACTS §5); the status X uses is uncertain
            throw ApiProblem.invalidRequest("A post can have up to 4 images, or exactly one video or animated GIF.",
                    Json.object("media.media_ids", mediaIds));
        }
        return media;
    }

    private Map<String, Object> view(Post post, Set<String> fields) {
        Map<String, Object> view = Json.object("id", post.id(), "text", post.text(),
                "edit_history_tweet_ids", List.of(post.id()));
        if (fields.contains("created_at")) {
            view.put("created_at", post.createdAt());
        }
        if (fields.contains("author_id")) {
            view.put("author_id", post.authorId());
        }
        if (fields.contains("attachments") && !post.mediaKeys().isEmpty()) {
            view.put("attachments", Json.object("media_keys", post.mediaKeys()));
        }
        if (fields.contains("referenced_tweets") && post.inReplyToTweetId() != null) {
            view.put("referenced_tweets", List.of(Json.object("type", "replied_to", "id", post.inReplyToTweetId())));
        }
        if (fields.contains("conversation_id")) {
            view.put("conversation_id", post.inReplyToTweetId() == null ? post.id() : post.inReplyToTweetId());
        }
        return view;
    }

    private static Set<String> fields(String param) {
        return param == null ? Collections.emptySet() : Set.copyOf(Arrays.asList(param.split(",")));
    }

    private static int intParam(Call call, String name, int fallback) {
        String value = call.ctx.queryParam(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidRequest("The `" + name + "` query parameter must be an integer.");
        }
    }

    private static Instant instantParam(Call call, String name) {
        String value = call.ctx.queryParam(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidRequest("The `" + name + "` query parameter must be an ISO 8601 time, e.g. 2026-01-01T00:00:00Z.");
        }
    }

    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static String shortCode(String id) {
        return Long.toString(Long.parseLong(id) % 3_656_158_440_062_976L, 36);
    }
}
