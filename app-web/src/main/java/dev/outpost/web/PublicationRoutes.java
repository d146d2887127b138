package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.storage.PublicationStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Publications: history with filters, one publication with live progress, retry and cancel; pages and API. */
final class PublicationRoutes {
    private static final int PAGE_SIZE = 200;

    private final OutpostCore core;
    private final PublicationViews views;
    private final EventStreams streams;
    private final Layout layout;
    private final RunNow runNow;
    private final HistoryPage history;

    PublicationRoutes(OutpostCore core, PublicationViews views, EventStreams streams, Layout layout, RunNow runNow) {
        this.runNow = runNow;
        this.history = new HistoryPage(core, layout);
        this.core = core;
        this.views = views;
        this.streams = streams;
        this.layout = layout;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/publications", ctx -> Json.send(ctx, 200, Map.of("publications",
                list(ctx).stream().map(views::view).toList())));
        routes.get("/api/publications/{id}", ctx -> Json.send(ctx, 200, views.view(find(ctx))));
        routes.get("/api/publications/{id}/events", streams::serve);
        routes.post("/api/publications/{id}/retry", ctx -> Json.send(ctx, 200, views.view(retry(ctx))));
        routes.post("/api/publications/{id}/cancel", ctx -> Json.send(ctx, 200,
                views.view(core.publications().cancel(find(ctx).id()))));

        routes.get("/publications", ctx -> history.page(ctx, list(ctx)));
        routes.get("/publications/rows", ctx -> history.rowsOnly(ctx, list(ctx)));
        routes.get("/publications/{id}", this::detailPage);
        routes.post("/publications/{id}/retry", ctx -> {
            retry(ctx);
            WebSecurity.session(ctx).flash("Queued again; uploads resume where they stopped.");
            ctx.redirect("/publications/" + ctx.pathParam("id"));
        });
        routes.post("/publications/{id}/cancel", ctx -> {
            core.publications().cancel(find(ctx).id());
            WebSecurity.session(ctx).flash("Cancelled.");
            ctx.redirect("/publications/" + ctx.pathParam("id"));
        });
    }

    /** Queues it again and, being due, starts it at once. */
    private Publication retry(Context ctx) {
        Publication queued = core.publications().resume(find(ctx).id());
        runNow.startIfDue(queued);
        return queued;
    }

    private Publication find(Context ctx) {
        PublicationId id = new PublicationId(ctx.pathParam("id"));
        return core.publications().find(id).orElseThrow(() -> new WebError(404, "no publication " + id));
    }

    private List<Publication> list(Context ctx) {
        Set<PublicationState> states = EnumSet.noneOf(PublicationState.class);
        for (String s : ctx.queryParams("state")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                states.add(PublicationState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new WebError(400, "unknown state '" + s + "'; use one of " + List.of(PublicationState.values())
                        .stream().map(PublicationViews::stateName).toList());
            }
        }
        String account = ctx.queryParam("account");
        AccountId accountId = account == null || account.isBlank() ? null : new AccountId(account.strip());
        return core.publications().list(new PublicationStore.Query(states, accountId, PAGE_SIZE));
    }

    private void detailPage(Context ctx) {
        Sessions.Session session = WebSecurity.session(ctx);
        PublicationDetails details = core.publications().details(find(ctx));
        Publication p = details.publication();
        String id = p.id().value();
        StringBuilder body = new StringBuilder("<section class=\"card\" id=\"publication\" data-id=\"")
                .append(Html.esc(id)).append("\"><h1>Publication</h1>");
        body.append("<p>State: <span id=\"state\" class=\"badge ").append(badgeClass(p.state())).append("\">")
                .append(PublicationViews.stateName(p.state())).append("</span>")
                .append(" <span class=\"muted\">to <span id=\"account-name\">")
                .append(Html.esc(details.accountName())).append("</span> on ").append(Html.esc(details.platformName()))
                .append("</span></p>");
        if (p.group() != null) {
            int item = p.placement().item();
            body.append("<p id=\"group-link\" class=\"muted\">").append(item > 0 ? "Post " + (item + 1) + " of a thread; "
                    : "Part of a group; ").append("<a href=\"/publications/group/").append(Html.esc(p.group().value()))
                    .append("\">see every post and account of it</a></p>");
        }
        body.append("<blockquote id=\"post-text\">").append(Html.esc(p.draft().text())).append("</blockquote>");
        if (p.draft().replyTo() != null) {
            body.append("<p class=\"muted\">In reply to <span id=\"reply-to\">").append(Html.esc(p.draft().replyTo()))
                    .append("</span></p>");
        }
        if (!p.draft().options().isEmpty()) {
            body.append("<dl id=\"post-options\" class=\"options\">");
            p.draft().options().forEach((key, value) -> body.append("<dt>").append(Html.esc(key)).append("</dt><dd>")
                    .append(Html.esc(value)).append("</dd>"));
            body.append("</dl>");
        }
        if (p.draft().scheduledAt() != null) {
            body.append("<p class=\"muted\">Scheduled for ").append(Times.html(p.draft().scheduledAt(), "scheduled"))
                    .append("</p>");
        }
        body.append("<ol id=\"media-progress\" class=\"media-list\">");
        List<MediaAttachment> media = p.draft().media();
        Map<String, Object> view = views.view(details);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mediaViews = (List<Map<String, Object>>) view.get("media");
        for (int i = 0; i < media.size(); i++) {
            MediaAttachment m = media.get(i);
            Object url = mediaViews.get(i).get("url");
            body.append("<li class=\"media-item\" data-index=\"").append(i).append("\">");
            if (url != null && m.file().kind() == dev.outpost.domain.media.MediaKind.VIDEO) {
                body.append("<video src=\"").append(Html.esc(url)).append("\" muted preload=\"metadata\"></video>");
            } else if (url != null) {
                body.append("<img src=\"").append(Html.esc(url)).append("\" alt=\"").append(Html.esc(m.altText()))
                        .append("\">");
            }
            Object name = mediaViews.get(i).get("name");
            body.append("<div class=\"media-info\"><div>");
            if (name != null) {
                body.append("<span class=\"file-name\">").append(Html.esc(name)).append("</span> · ");
            }
            body.append(Html.esc(m.file().type().mimeType())).append(", ")
                    .append(Html.esc(UploadStore.human(m.file().size()))).append("</div>");
            if (m.hasAltText()) {
                body.append("<div class=\"muted\">Alt: ").append(Html.esc(m.altText())).append("</div>");
            }
            if (m.focus() != null) {
                body.append("<div class=\"muted\">Focal point: ").append(Html.esc(m.focus().text())).append("</div>");
            }
            var upload = details.upload(i);
            long percent = upload.map(c -> c.phase() == UploadCheckpoint.Phase.UPLOADING
                    ? 100 * c.bytesAcknowledged() / Math.max(1, c.file().size()) : 100).orElse(0L);
            body.append("<progress class=\"upload\" max=\"100\" value=\"").append(percent).append("\"></progress>")
                    .append("<div class=\"upload-status muted\">")
                    .append(Html.esc(uploadStatus(p, upload.orElse(null)))).append("</div></div></li>");
        }
        body.append("</ol>");
        body.append("<div id=\"result\">");
        details.url().ifPresent(url -> body.append("<p>Published: <a id=\"post-link\" href=\"").append(Html.esc(url))
                .append("\" rel=\"noopener noreferrer\" target=\"_blank\">").append(Html.esc(url)).append("</a></p>"));
        body.append("</div>");
        body.append(failureBlock(view));
        body.append("<div id=\"unconfirmed\" class=\"explain\"").append(p.state() == PublicationState.UNCONFIRMED
                ? "" : " hidden").append("><strong>Unconfirmed.</strong> ")
                .append(Html.esc(PublicationViews.UNCONFIRMED_EXPLAINED)).append("</div>");
        body.append("<ul id=\"log\" class=\"log\"></ul>");
        body.append("<div class=\"actions\">");
        body.append("<form method=\"post\" action=\"/publications/").append(Html.esc(id)).append("/retry\" id=\"retry-form\"")
                .append(p.state() == PublicationState.FAILED ? "" : " hidden").append(">")
                .append(Html.csrfField(session)).append("<button type=\"submit\" id=\"retry\">Retry</button></form>");
        if (p.state().canMoveTo(PublicationState.CANCELLED)) {
            body.append("<form method=\"post\" action=\"/publications/").append(Html.esc(id))
                    .append("/cancel\" id=\"cancel-form\">").append(Html.csrfField(session))
                    .append("<button type=\"submit\" class=\"secondary\" id=\"cancel\">Cancel</button></form>");
        }
        body.append("<a href=\"/publications\">All publications</a></div></section>");
        ctx.html(layout.page("Publication", session, "publications", body.toString(), "publication.js"));
    }

    /** An attachment's upload as the page first shows it; a failed publication's unfinished ones have stopped. */
    private static String uploadStatus(Publication p, UploadCheckpoint checkpoint) {
        if (checkpoint == null) {
            return p.state() == PublicationState.FAILED ? "not sent" : "waiting";
        }
        String where = PublicationViews.describe(checkpoint);
        return p.state() == PublicationState.FAILED && checkpoint.phase() != UploadCheckpoint.Phase.READY
                ? "stopped (" + where + ")" : where;
    }

    /**
     * Why it failed: what happened and what to do, the platform's own words behind a Details toggle (and the reason
     * it is unconfirmed, while it is).
     */
    private static String failureBlock(Map<String, Object> view) {
        @SuppressWarnings("unchecked")
        Map<String, Object> explained = (Map<String, Object>) view.get("failureExplained");
        Object failure = view.get("failure");
        String summary = explained != null ? (String) explained.get("summary") : failure == null ? null
                : failure.toString();
        String advice = explained == null ? null : (String) explained.get("advice");
        String details = explained == null ? null : (String) explained.get("details");
        return "<div id=\"failure\" class=\"failure\"" + (summary == null ? " hidden" : "") + ">"
                + "<p id=\"failure-summary\" class=\"problem\">" + Html.esc(summary) + "</p>"
                + "<p id=\"failure-advice\"" + (advice == null ? " hidden" : "") + ">" + Html.esc(advice) + "</p>"
                + "<details id=\"failure-more\"" + (details == null ? " hidden" : "") + "><summary>Details</summary>"
                + "<p id=\"failure-details\" class=\"details\">" + Html.esc(details) + "</p></details></div>";
    }

    static String badge(PublicationState state) {
        return "<span class=\"badge " + badgeClass(state) + " state\">" + PublicationViews.stateName(state) + "</span>";
    }

    private static String badgeClass(PublicationState state) {
        switch (state) {
            case PUBLISHED: return "ok";
            case FAILED: case CANCELLED: return "bad";
            case UNCONFIRMED: return "warn";
            default: return "busy";
        }
    }
}
