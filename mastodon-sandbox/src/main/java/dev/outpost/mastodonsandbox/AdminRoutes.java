package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own API under {@code /__sandbox}, for tests and people: mint tokens without the consent dance,
 * add users, revoke tokens, inject faults, change the server's limits, read the state, start over.
 */
final class AdminRoutes {
    private final MastodonSandbox sandbox;
    private final SandboxRuntime runtime;

    AdminRoutes(MastodonSandbox sandbox, SandboxRuntime runtime) {
        this.sandbox = sandbox;
        this.runtime = runtime;
    }

    /** {@code POST /__sandbox/tokens [{"scopes": "...", "user_id": "..."}]} → {@code {"access_token": ...}}. */
    void tokens(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String userId = body.path("user_id").asText(SandboxUser.DEFAULT.id());
        if (!runtime.state.users.containsKey(userId)) {
            ctx.status(404).json(Map.of("error", "no user " + userId));
            return;
        }
        String scopes = body.path("scopes").asText(String.join(" ", MastodonSandbox.DEFAULT_SCOPES));
        ServerState.Grant grant;
        try {
            grant = runtime.state.issue(null, userId, OAuthRoutes.parseScopes(scopes));
        } catch (IllegalArgumentException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
            return;
        }
        ctx.json(Json.object("access_token", grant.token(), "token_type", "Bearer", "scope",
                String.join(" ", grant.scopes()), "created_at", grant.createdAt().getEpochSecond()));
    }

    /** {@code POST /__sandbox/users {"username": ..., "display_name": ...}}. */
    void users(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String username = body.path("username").asText("");
        if (!username.matches("[A-Za-z0-9_]{1,30}")) {
            ctx.status(422).json(Map.of("error", "a username is 1 to 30 letters, digits and _"));
            return;
        }
        SandboxUser user = sandbox.addUser(username, body.path("display_name").asText(null));
        ctx.json(user);
    }

    /** {@code POST /__sandbox/revoke [{"access_token": ...}]}: one token, or every token when none is named. */
    void revoke(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        int revoked = body.hasNonNull("access_token")
                ? (runtime.state.revoke(body.get("access_token").asText()) ? 1 : 0)
                : runtime.state.revokeAll();
        ctx.json(Map.of("revoked", revoked));
    }

    /**
     * {@code POST /__sandbox/faults {"rules": ["statuses=drop"], "processing_polls": 5, "fail_processing": 1,
     * "finish_processing": true}} (media still processing is done at its next poll);
     * {@code GET} shows them; {@code DELETE} clears the rules and pending failures.
     */
    void addFaults(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        try {
            for (JsonNode rule : body.path("rules")) {
                runtime.faults.add(rule.asText());
            }
            if (body.has("processing_polls")) {
                runtime.faults.processingPolls(body.get("processing_polls").asInt());
            }
            if (body.has("fail_processing")) {
                runtime.faults.failProcessing(body.get("fail_processing").asInt());
            }
            if (body.path("finish_processing").asBoolean(false)) {
                sandbox.finishProcessing();
            }
        } catch (IllegalArgumentException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
            return;
        }
        showFaults(ctx);
    }

    void showFaults(Context ctx) {
        ctx.json(Json.object("rules", runtime.faults.specs(), "processing_polls", runtime.faults.processingPolls()));
    }

    void clearFaults(Context ctx) {
        runtime.faults.clear();
        showFaults(ctx);
    }

    /**
     * {@code POST /__sandbox/instance {"max_characters": 5000, "max_media_attachments": 8, "image_size_limit": ...,
     * "video_size_limit": ..., "description_limit": ..., "characters_reserved_per_url": ...}}: a server with other
     * limits; the answer is the instance's configuration.
     */
    void instance(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        InstanceLimits l = runtime.limits;
        try {
            l = l.withMaxCharacters(body.path("max_characters").asInt(l.maxCharacters()))
                    .withMaxMediaAttachments(body.path("max_media_attachments").asInt(l.maxMediaAttachments()))
                    .withSizeLimits(body.path("image_size_limit").asLong(l.imageSizeLimit()),
                            body.path("video_size_limit").asLong(l.videoSizeLimit()))
                    .withDescriptionLimit(body.path("description_limit").asInt(l.descriptionLimit()))
                    .withCharactersReservedPerUrl(body.path("characters_reserved_per_url")
                            .asInt(l.charactersReservedPerUrl()));
        } catch (IllegalArgumentException e) {
            ctx.status(422).json(Map.of("error", e.getMessage()));
            return;
        }
        runtime.limits = l;
        ctx.json(l);
    }

    /** {@code POST /__sandbox/settings {"auto_approve": true}}. */
    void settings(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (body.has("auto_approve")) {
            runtime.autoApprove = body.get("auto_approve").asBoolean();
        }
        ctx.json(Map.of("auto_approve", runtime.autoApprove));
    }

    /** Users, apps (no secrets), statuses, media and the request log; never a token or a secret. */
    void state(Context ctx) {
        List<Map<String, Object>> apps = new ArrayList<>();
        synchronized (runtime.state) {
            runtime.state.apps.values().forEach(a -> apps.add(Json.object("id", a.id(), "name", a.name(),
                    "redirect_uris", a.redirectUris(), "scopes", a.scopes())));
        }
        ctx.contentType("application/json").result(Json.text(Json.object(
                "users", List.copyOf(runtime.state.users.values()),
                "apps", apps,
                "statuses", runtime.state.statusList(),
                "media", runtime.state.mediaList(),
                "limits", runtime.limits,
                "requests", runtime.requests.list())));
    }

    void reset(Context ctx) {
        sandbox.reset();
        ctx.json(Map.of("reset", true));
    }

    private static JsonNode body(Context ctx) throws IOException {
        String text = ctx.body();
        JsonNode node = text.isBlank() ? null : Json.MAPPER.readTree(text);
        return node == null ? Json.MAPPER.createObjectNode() : node;
    }
}
