package dev.outpost.web;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.DraftInput;
import dev.outpost.application.Group;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups (what one compose action made: a cross-post and/or a thread): the group page with retry per post, cancel
 * all, a quick reschedule; and the JSON API — {@code POST /api/publications} with several accounts or thread items,
 * {@code GET|PUT /api/groups/{id}}, {@code POST /api/groups/{id}/cancel}, the group's event stream, and
 * {@code POST /api/publications/{id}/resume}.
 */
final class GroupRoutes {
    private static final int MAX_JSON_BYTES = 1024 * 1024;

    private final OutpostCore core;
    private final GroupViews views;
    private final PublicationViews publicationViews;
    private final GroupPage page;
    private final EventStreams streams;
    private final Layout layout;
    private final RunNow runNow;
    private final UploadStore uploads;
    private final Clock clock;

    GroupRoutes(OutpostCore core, PublicationViews publicationViews, EventStreams streams, Layout layout, RunNow runNow,
            UploadStore uploads, Clock clock) {
        this.core = core;
        this.views = new GroupViews(publicationViews);
        this.publicationViews = publicationViews;
        this.page = new GroupPage(views, publicationViews);
        this.streams = streams;
        this.layout = layout;
        this.runNow = runNow;
        this.uploads = uploads;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        // A JSON compose with several accounts or thread items is a group's; one account's post (JSON or a form with
        // files) goes on to the compose route as before. Javalin keeps the body it read here for that route.
        routes.before("/api/publications", ctx -> {
            if (ctx.method().name().equals("POST") && isJson(ctx)) {
                Map<String, Object> json = json(ctx);
                if (GroupRequest.isGroup(json)) {
                    create(ctx, json);
                    ctx.skipRemainingHandlers();
                }
            }
        });
        routes.get("/api/groups/{id}", ctx -> Json.send(ctx, 200, views.view(group(ctx))));
        routes.put("/api/groups/{id}", this::edit);
        routes.post("/api/groups/{id}/cancel", ctx -> {
            Group group = group(ctx);
            core.publications().cancelGroup(group.id());
            Json.send(ctx, 200, views.view(core.publications().group(group.id())));
        });
        routes.get("/api/groups/{id}/events", streams::serveGroup);
        routes.post("/api/publications/{id}/resume", ctx -> Json.send(ctx, 200,
                publicationViews.view(resume(new PublicationId(ctx.pathParam("id"))))));

        routes.get("/publications/group/{id}", ctx -> {
            Group group = group(ctx);
            ctx.html(layout.page(group.isThread() ? "Thread" : "Post", WebSecurity.session(ctx), "publications",
                    page.body(group, WebSecurity.session(ctx)), "group.js"));
        });
        routes.post("/publications/group/{id}/cancel", ctx -> {
            Group group = group(ctx);
            int cancelled = core.publications().cancelGroup(group.id()).size();
            WebSecurity.session(ctx).flash(cancelled == 0 ? "Nothing was left to cancel: every post had started."
                    : "Cancelled " + cancelled + (cancelled == 1 ? " post" : " posts") + " not yet sent.");
            ctx.redirect(pageOf(group));
        });
        routes.post("/publications/group/{id}/retry/{publication}", ctx -> {
            Group group = group(ctx);
            PublicationId id = new PublicationId(ctx.pathParam("publication"));
            if (group.publications().stream().noneMatch(d -> d.publication().id().equals(id))) {
                throw new WebError(404, "no publication " + id + " in this group");
            }
            resume(id);
            WebSecurity.session(ctx).flash("Queued again; uploads resume where they stopped.");
            ctx.redirect(pageOf(group));
        });
        routes.post("/publications/group/{id}/reschedule", this::reschedule);
    }

    private static String pageOf(Group group) {
        return "/publications/group/" + group.id().value();
    }

    private Group group(Context ctx) {
        return find(core, GroupId.of(ctx.pathParam("id")));
    }

    /** The group, or a 404 naming it. */
    static Group find(OutpostCore core, GroupId id) {
        Group group;
        try {
            group = core.publications().group(id);
        } catch (OutpostException e) {
            if (e.kind() == OutpostException.Kind.INVALID_INPUT) {
                throw new WebError(404, "no group " + id);
            }
            throw e;
        }
        if (group.publications().isEmpty()) {
            throw new WebError(404, "no group " + id);
        }
        return group;
    }

    /** Queues a failed (or stalled) post again and, being due, starts it; a thread's chain goes on after it. */
    private Publication resume(PublicationId id) {
        Publication queued = core.publications().resume(id);
        runNow.startIfDue(queued);
        return queued;
    }

    private void create(Context ctx, Map<String, Object> json) {
        GroupRequest request = GroupRequest.read(json, uploads, clock);
        String edit = GroupRequest.edit(json);
        if (edit != null) {
            Group current = find(core, GroupId.of(edit));
            Group group = submit(request, input -> core.publications().editGroup(current.id(), input));
            Json.send(ctx, 200, views.view(group));
            startDue(group);
            return;
        }
        Group group = submit(request, input -> core.publications().submitGroup(input));
        Json.send(ctx, 201, views.view(group));
        startDue(group);
    }

    private void edit(Context ctx) {
        Group current = group(ctx);
        if (!isJson(ctx)) {
            throw new WebError(415, "send the group's new content as application/json");
        }
        GroupRequest request = GroupRequest.read(json(ctx), uploads, clock);
        Group group = submit(request, input -> core.publications().editGroup(current.id(), input));
        Json.send(ctx, 200, views.view(group));
        startDue(group);
    }

    private Group submit(GroupRequest request, java.util.function.Function<ComposeInput, Group> action) {
        List<Problem> problems = new ArrayList<>(request.problems());
        try {
            if (request.input() == null) {
                throw unprocessable(problems);
            }
            if (!problems.isEmpty()) {
                // The core's problems too, so every target × item problem comes back at once.
                core.publications().checkGroup(request.input()).forEach(p -> problems.add(p.toProblem()));
                throw unprocessable(problems.stream().map(request::shown).toList());
            }
            return action.apply(request.input());
        } catch (OutpostException e) {
            if (e.kind() == OutpostException.Kind.INVALID_INPUT) {
                problems.addAll(e.problems());
                throw unprocessable(problems.stream().map(request::shown).toList());
            }
            if (e.kind() == OutpostException.Kind.RECONNECT_NEEDED) {
                throw new WebError(409, e.getMessage(), List.of(new Problem("accounts", e.getMessage())));
            }
            throw e;
        }
    }

    private static WebError unprocessable(List<Problem> problems) {
        return new WebError(422, problems.size() == 1 ? problems.get(0).message() : problems.size()
                + " problems; see each field", problems);
    }

    /** The first post of each target starts now when due; later posts follow their predecessor. */
    private void startDue(Group group) {
        group.publications().stream().map(PublicationDetails::publication)
                .filter(p -> p.follows() == null).forEach(runNow::startIfDue);
    }

    /** The same content at a new time, through the core's edit (refused once anything has started). */
    private void reschedule(Context ctx) {
        Group group = group(ctx);
        Sessions.Session session = WebSecurity.session(ctx);
        List<Problem> problems = new ArrayList<>();
        Instant at = ScheduleField.read(ctx.formParam(ScheduleField.FIELD), ctx.formParam("timeZone"), clock.instant(),
                problems::add);
        if (at == null && problems.isEmpty()) {
            problems.add(new Problem(ScheduleField.FIELD, "pick the new date and time"));
        }
        if (!problems.isEmpty()) {
            session.flash("Not rescheduled: " + problems.get(0).message());
            ctx.redirect(pageOf(group));
            return;
        }
        try {
            core.publications().editGroup(group.id(), sameContent(group, at));
            session.flash("Rescheduled.");
        } catch (OutpostException e) {
            if (e.kind() != OutpostException.Kind.INVALID_INPUT) {
                throw e;
            }
            String why = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message();
            session.flash("Not rescheduled: " + (why.toLowerCase(Locale.ROOT).contains("started")
                    ? "it has already started; only posts that have not started can be moved" : why));
        }
        ctx.redirect(pageOf(group));
    }

    /** What the group was composed from, at another time: its posts, per-account texts, files, reply and options. */
    static ComposeInput sameContent(Group group, Instant at) {
        List<AccountId> accounts = group.targets();
        List<PublicationDetails> base = group.chain(accounts.get(0));
        List<ComposeInput.Item> items = new ArrayList<>();
        for (PublicationDetails d : base) {
            List<DraftInput.Attachment> media = new ArrayList<>();
            for (MediaAttachment m : d.publication().draft().media()) {
                media.add(new DraftInput.Attachment(m.file().path(), m.altText()));
            }
            items.add(new ComposeInput.Item(d.publication().draft().text(), media));
        }
        List<ComposeInput.Target> targets = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (AccountId account : accounts) {
            Map<Integer, String> textFor = new HashMap<>();
            List<PublicationDetails> chain = group.chain(account);
            for (int i = 0; i < chain.size() && i < items.size(); i++) {
                String text = chain.get(i).publication().draft().text();
                if (!text.equals(items.get(i).text())) {
                    textFor.put(i, text);
                }
                options.putAll(chain.get(i).publication().draft().options());
            }
            targets.add(new ComposeInput.Target(account, textFor));
        }
        return new ComposeInput(targets, items, base.get(0).publication().draft().replyTo(), at, options);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static Map<String, Object> json(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_JSON_BYTES) {
            throw new WebError(413, "the request is over " + MAX_JSON_BYTES / 1024 + " KiB of JSON; upload files"
                    + " with POST /api/uploads and name them by id");
        }
        return Json.read(ctx.body());
    }
}
