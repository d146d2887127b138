package dev.outpost.mastodonsandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statuses: {@code POST /api/v1/statuses} with Mastodon's validations and its {@code Idempotency-Key} (a repeat
 * within the memory answers the status made the first time), {@code GET /api/v1/statuses/:id}, the account's
 * statuses (public ones to anyone; all of one's own with {@code read:statuses}), and the status's web page.
 */
final class StatusRoutes {
    static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final SandboxRuntime runtime;
    private final Entities entities;
    private final OAuthRoutes oauth;

    StatusRoutes(SandboxRuntime runtime, Entities entities, OAuthRoutes oauth) {
        this.runtime = runtime;
        this.entities = entities;
        this.oauth = oauth;
    }

    void create(Call call) {
        call.requireScope("write:statuses");
        SandboxUser user = oauth.userOf(call);
        String key = call.ctx.header("Idempotency-Key");
        Map<String, List<String>> params = call.params();
        ServerState state = runtime.state;
        SandboxStatus status;
        synchronized (state) {
            Instant now = state.now();
            state.idempotencyKeys.values().removeIf(r -> !now.isBefore(r.at().plus(runtime.config.idempotencyMemory())));
            String remembered = key == null || key.isBlank() ? null : user.id() + "\n" + key;
            if (remembered != null && state.idempotencyKeys.containsKey(remembered)) {
                call.json(200, entities.status(state.statuses.get(state.idempotencyKeys.get(remembered).statusId())));
                return;
            }
            status = validate(user, params, key, call.grant, now);
            state.statuses.put(status.id(), status);
            status.mediaIds().forEach(id -> state.media.get(id).statusId = status.id());
            if (remembered != null) {
                state.idempotencyKeys.put(remembered, new ServerState.Remembered(status.id(), now));
            }
        }
        call.json(200, entities.status(status));
    }

    void get(Call call) {
        SandboxStatus status;
        synchronized (runtime.state) {
            status = runtime.state.statuses.get(call.ctx.pathParam("id"));
        }
        if (status == null || !visible(status, call.userId())) {
            throw ApiError.notFound();
        }
        call.json(200, entities.status(status));
    }

    void accountStatuses(Call call) {
        if (call.grant != null && !call.grant.allows("read:statuses")) {
            throw ApiError.outsideScopes();
        }
        String accountId = call.ctx.pathParam("id");
        if (!runtime.state.users.containsKey(accountId)) {
            throw ApiError.notFound();
        }
        int limit = Math.min(40, Math.max(1, intParam(call, "limit", 20)));
        String maxId = call.ctx.queryParam("max_id");
        String sinceId = call.ctx.queryParam("since_id");
        String minId = call.ctx.queryParam("min_id");
        boolean excludeReplies = "true".equals(call.ctx.queryParam("exclude_replies"));
        boolean onlyMedia = "true".equals(call.ctx.queryParam("only_media"));
        boolean pinned = "true".equals(call.ctx.queryParam("pinned"));
        List<SandboxStatus> found = new ArrayList<>();
        if (!pinned) {
            for (SandboxStatus s : runtime.state.statusList()) {
                if (s.accountId().equals(accountId) && visible(s, call.userId())
                        && (maxId == null || compare(s.id(), maxId) < 0)
                        && (sinceId == null || compare(s.id(), sinceId) > 0)
                        && (minId == null || compare(s.id(), minId) > 0)
                        && !(excludeReplies && s.inReplyToId() != null)
                        && !(onlyMedia && s.mediaIds().isEmpty())) {
                    found.add(s);
                }
            }
        }
        // min_id pages forward from the cursor (the oldest first); the others page back from the newest.
        found.sort(Comparator.comparing(SandboxStatus::id, StatusRoutes::compare));
        List<SandboxStatus> page = minId != null ? found.subList(0, Math.min(limit, found.size()))
                : found.subList(Math.max(0, found.size() - limit), found.size());
        List<SandboxStatus> newestFirst = new ArrayList<>(page);
        newestFirst.sort(Comparator.comparing(SandboxStatus::id, StatusRoutes::compare).reversed());
        if (!newestFirst.isEmpty()) {
            String path = entities.base() + "/api/v1/accounts/" + accountId + "/statuses";
            call.headers.put("Link", "<" + path + "?limit=" + limit + "&max_id="
                    + newestFirst.get(newestFirst.size() - 1).id() + ">; rel=\"next\", <" + path + "?limit=" + limit
                    + "&min_id=" + newestFirst.get(0).id() + ">; rel=\"prev\"");
        }
        call.json(200, newestFirst.stream().map(entities::status).toList());
    }

    /** The status's page, as people open its link. */
    void page(io.javalin.http.Context ctx) {
        SandboxStatus status = runtime.state.statuses.get(ctx.pathParam("id"));
        SandboxUser user = status == null ? null : runtime.state.users.get(status.accountId());
        if (status == null || !user.username().equals(ctx.pathParam("username"))
                || !Set.of("public", "unlisted").contains(status.visibility())) {
            ctx.status(404).html("<!DOCTYPE html><html><body><h1>The page you are looking for isn't here.</h1></body></html>");
            return;
        }
        ctx.html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Entities.escape(user.displayName()) + " (@" + Entities.escape(user.username()) + ")</title></head>"
                + "<body><article><header>" + Entities.escape(user.displayName()) + "</header>"
                + (status.spoilerText().isEmpty() ? "" : "<p><strong>" + Entities.escape(status.spoilerText())
                        + "</strong></p>") + entities.html(status.text()) + "<footer>" + status.createdAt()
                + " · " + status.visibility() + " · " + status.mediaIds().size() + " attachment(s)</footer>"
                + "</article></body></html>");
    }

    private SandboxStatus validate(SandboxUser user, Map<String, List<String>> params, String key,
            ServerState.Grant grant, Instant now) {
        String text = valueOr(Call.first(params, "status"), "");
        List<String> mediaIds = params.getOrDefault("media_ids", List.of()).stream().filter(s -> !s.isBlank())
                .distinct().toList();
        String spoiler = valueOr(Call.first(params, "spoiler_text"), "");
        String visibility = valueOr(Call.first(params, "visibility"), "public");
        if (!VISIBILITIES.contains(visibility)) {
            throw ApiError.of(422, "'" + visibility + "' is not a valid visibility");
        }
        if (Call.first(params, "scheduled_at") != null) {
            throw ApiError.of(422, "The sandbox does not schedule statuses");
        }
        if (text.isBlank() && mediaIds.isEmpty()) {
            throw ApiError.validation("Text can't be blank");
        }
        InstanceLimits limits = runtime.limits;
        if (StatusLength.count(spoiler, text, limits.charactersReservedPerUrl()) > limits.maxCharacters()) {
            throw ApiError.validation("Text character limit of " + limits.maxCharacters() + " exceeded");
        }
        if (mediaIds.size() > limits.maxMediaAttachments()) {
            throw ApiError.of(422, "Cannot attach more than " + limits.maxMediaAttachments() + " files");
        }
        List<ServerState.Media> media = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : mediaIds) {
            ServerState.Media m = runtime.state.media.get(id);
            if (m == null || !m.ownerId.equals(user.id()) || m.statusId != null || m.failed) {
                missing.add(id);
            } else {
                media.add(m);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiError.of(422, "Media " + String.join(", ", missing)
                    + " not found or already attached to another post");
        }
        if (media.stream().anyMatch(m -> !m.ready())) {
            throw ApiError.of(422, "Cannot attach files that have not finished processing. Try again in a moment!");
        }
        if (media.size() > 1 && media.stream().anyMatch(m -> !m.type.equals("image"))) {
            throw ApiError.of(422, "Cannot attach a video to a post that already contains images");
        }
        String inReplyTo = Call.first(params, "in_reply_to_id");
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            SandboxStatus parent = runtime.state.statuses.get(inReplyTo);
            if (parent == null || !visible(parent, user.id())) {
                throw ApiError.notFound();
            }
        } else {
            inReplyTo = null;
        }
        String language = Call.first(params, "language");
        if (language != null && !language.matches("[a-z]{2,3}")) {
            language = null; // Mastodon drops a language it does not know
        }
        boolean sensitive = "true".equalsIgnoreCase(Call.first(params, "sensitive"))
                || "1".equals(Call.first(params, "sensitive")) || !spoiler.isEmpty();
        String app = grant.clientId() == null ? null : runtime.state.apps.containsKey(grant.clientId())
                ? runtime.state.apps.get(grant.clientId()).name() : null;
        return new SandboxStatus(runtime.state.newId(), user.id(), text, mediaIds, inReplyTo, sensitive, spoiler,
                visibility, language, now, key, app);
    }

    /** Public and unlisted statuses are seen by anyone; private and direct ones by their author only. */
    private static boolean visible(SandboxStatus status, String viewerId) {
        return Set.of("public", "unlisted").contains(status.visibility()) || status.accountId().equals(viewerId);
    }

    private static int compare(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static int intParam(Call call, String name, int fallback) {
        try {
            String value = call.ctx.queryParam(name);
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
