package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.Problem;
import dev.outpost.ports.storage.SavedDraft;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drafts kept on the server as the compose page is typed: {@code POST /api/drafts} (new), {@code PUT
 * /api/drafts/{id}} (save again), {@code GET /api/drafts} (newest first), {@code GET}/{@code DELETE
 * /api/drafts/{id}}; each draft is {@code {"id", "title", "content", "updatedAt"}}, content being the compose form
 * as the page wrote it (JSON text, at most 1 MB). The page {@code /drafts} lists them to reopen or delete. Deleting a
 * draft deletes the uploads it named that nothing else needs ({@link UnusedUploads}).
 */
final class DraftRoutes {
    static final int LIST_LIMIT = 200;
    private static final int MAX_TITLE = 200;

    private final OutpostCore core;
    private final Layout layout;
    private final UnusedUploads unusedUploads;

    DraftRoutes(OutpostCore core, Layout layout, UnusedUploads unusedUploads) {
        this.core = core;
        this.layout = layout;
        this.unusedUploads = unusedUploads;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/drafts", ctx -> save(ctx, null));
        routes.put("/api/drafts/{id}", ctx -> save(ctx, ctx.pathParam("id")));
        routes.get("/api/drafts", ctx -> Json.send(ctx, 200, core.drafts().list(LIST_LIMIT).stream()
                .map(d -> view(d, false)).toList()));
        routes.get("/api/drafts/{id}", ctx -> Json.send(ctx, 200, view(find(ctx.pathParam("id")), true)));
        routes.delete("/api/drafts/{id}", ctx -> {
            delete(find(ctx.pathParam("id")));
            ctx.status(204);
        });
        routes.get("/drafts", this::page);
        routes.post("/drafts/{id}/delete", ctx -> {
            SavedDraft draft = find(ctx.pathParam("id"));
            delete(draft);
            WebSecurity.session(ctx).flash("Deleted the draft “" + shownTitle(draft) + "”.");
            ctx.redirect("/drafts", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private void save(Context ctx, String id) {
        if (ctx.bodyAsBytes().length > SavedDraft.MAX_CONTENT_BYTES + 64 * 1024) {
            throw new WebError(413, "the draft is over 1 MB", List.of(new Problem("content", "the draft is over 1 MB")));
        }
        Map<String, Object> body = Json.read(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        Object content = body.get("content");
        if (!(content instanceof String text) || text.isBlank()) {
            throw new WebError(422, "give the draft's content as a JSON string", List.of(new Problem("content",
                    "give the draft's content as a JSON string")));
        }
        try {
            Json.MAPPER.readTree(text);
        } catch (java.io.IOException notJson) {
            throw new WebError(422, "the draft's content is not JSON", List.of(new Problem("content",
                    "the draft's content is not JSON")));
        }
        if (id != null) {
            find(id);
        }
        String title = body.get("title") == null ? "" : body.get("title").toString().strip();
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE);
        }
        SavedDraft saved = core.drafts().save(id, title, text);
        Json.send(ctx, id == null ? 201 : 200, view(saved, false));
    }

    /**
     * Deletes a draft, and then its uploads that nothing else needs (the compose page deletes its draft this way once
     * it has published it: the files the publications hold stay).
     */
    private void delete(SavedDraft draft) {
        core.drafts().delete(draft.id());
        unusedUploads.draftGone(draft);
    }

    private SavedDraft find(String id) {
        return core.drafts().find(id).orElseThrow(() -> new WebError(404, "there is no draft " + id));
    }

    private static Map<String, Object> view(SavedDraft draft, boolean withContent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", draft.id());
        view.put("title", draft.title());
        view.put("updatedAt", draft.updatedAt().toString());
        if (withContent) {
            view.put("content", draft.content());
        }
        view.put("links", Map.of("compose", "/compose?draft=" + draft.id()));
        return view;
    }

    private static String shownTitle(SavedDraft draft) {
        return draft.title().isBlank() ? "(no text)" : draft.title();
    }

    private void page(Context ctx) {
        Sessions.Session session = WebSecurity.session(ctx);
        List<SavedDraft> drafts = core.drafts().list(LIST_LIMIT);
        StringBuilder rows = new StringBuilder();
        for (SavedDraft d : drafts) {
            String id = Html.esc(d.id());
            rows.append("<tr data-draft=\"").append(id).append("\"><td class=\"excerpt\" data-label=\"Draft\">")
                    .append("<a href=\"/compose?draft=").append(id).append("\" class=\"open-draft\">")
                    .append(Html.esc(shownTitle(d))).append("</a></td><td data-label=\"Saved\">")
                    .append("<time class=\"local\" datetime=\"").append(Html.esc(d.updatedAt().toString()))
                    .append("\">").append(Html.esc(d.updatedAt().toString())).append("</time></td><td>")
                    .append("<form method=\"post\" class=\"inline\" action=\"/drafts/").append(id)
                    .append("/delete\">").append(Html.csrfField(session))
                    .append("<button type=\"submit\" class=\"secondary delete-draft\" aria-label=\"Delete the draft ")
                    .append(Html.esc(shownTitle(d))).append("\">Delete</button></form></td></tr>");
        }
        String body = """
                <section class="card">
                <h1>Drafts</h1>
                <p class="muted">Saved as you type on the compose page. Open one to go on writing it.</p>
                %s
                <p><a href="/compose" class="button secondary" id="new-post">New post</a></p>
                </section>""".formatted(drafts.isEmpty()
                ? "<p id=\"no-drafts\">No drafts yet.</p>"
                : "<table class=\"list\" id=\"drafts\"><thead><tr><th>Draft</th><th>Saved</th><th><span"
                + " class=\"sr-only\">Actions</span></th></tr></thead><tbody>" + rows + "</tbody></table>");
        ctx.html(layout.page("Drafts", session, "compose", body));
    }
}
