package dev.outpost.web;

import dev.outpost.application.DraftInput;
import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PlatformCatalog;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.Publication;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose: the page, the chosen account's rules ({@code GET /api/accounts/{id}/rules}, read again whenever the
 * account changes), the live text measure ({@code POST /api/measure}, the account's platform's own count against
 * each of its limits), and {@code POST /api/publications}, which receives the draft, has the core check all of it
 * before anything is sent to a platform, and queues it.
 */
final class ComposeRoutes {
    private static final int MAX_REPLY_TO_LENGTH = 1000;
    private static final Pattern MEDIA_UPLOAD = Pattern.compile("media\\[(\\d)]\\.upload");

    private final OutpostCore core;
    private final DraftReceiver receiver;
    private final PublicationViews views;
    private final Layout layout;
    private final Clock clock;
    private final RunNow runNow;
    private final ComposePage pages;
    private final GroupCompose groups;
    private final UploadStore uploads;

    ComposeRoutes(OutpostCore core, DraftReceiver receiver, UploadStore uploads, PublicationViews views,
            Layout layout, Clock clock, RunNow runNow) {
        this.core = core;
        this.clock = clock;
        this.runNow = runNow;
        this.receiver = receiver;
        this.uploads = uploads;
        this.views = views;
        this.layout = layout;
        this.pages = new ComposePage(core, views, uploads);
        this.groups = new GroupCompose(core, uploads, clock);
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/compose"));
        routes.get("/compose", this::page);
        routes.post("/api/measure", this::measure);
        routes.get("/api/accounts/{id}/rules", ctx -> Json.send(ctx, 200,
                RulesJson.of(core.platforms().rules(new AccountId(ctx.pathParam("id"))))));
        routes.post("/api/publications", this::create);
    }

    private void measure(Context ctx) {
        Map<String, Object> body = Json.read(ctx.body());
        String text = body.get("text") == null ? "" : body.get("text").toString();
        String account = body.get("account") == null ? "" : body.get("account").toString().strip();
        // The options' values, for the limits that count some of them with the text (a content warning).
        Map<String, String> options = new LinkedHashMap<>();
        if (body.get("options") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> {
                if (key != null && value != null && !value.toString().isEmpty()) {
                    options.put(key.toString(), value.toString());
                }
            });
        }
        PlatformRules rules;
        List<PlatformCatalog.TextCount> counts;
        if (account.isEmpty()) {
            // No account yet: the first platform's stock limits, so the counter still counts.
            rules = stockRules();
            counts = PlatformCatalog.measure(rules, text, options);
        } else {
            AccountId id = new AccountId(account);
            rules = core.platforms().rules(id);
            counts = core.platforms().measure(id, text, options);
        }
        PlatformCatalog.TextCount first = counts.get(0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("length", first.length());
        answer.put("max", first.max());
        answer.put("remaining", first.max() - first.length());
        answer.put("unit", first.unit());
        answer.put("over", counts.stream().anyMatch(PlatformCatalog.TextCount::over));
        answer.put("counts", counts.stream().map(c -> Map.of("length", c.length(), "max", c.max(), "unit", c.unit(),
                "over", c.over())).toList());
        // The first limit passed, as the core would say it on submit.
        answer.put("problem", counts.stream().filter(PlatformCatalog.TextCount::over).findFirst()
                .map(c -> c.violation(rules.platformName()).message())
                .orElse(null));
        // Where the platform's limits fall in the text (a UTF-16 index, as the browser counts): the preview marks
        // what lies past it.
        answer.put("fits", answer.get("over") == Boolean.TRUE ? fits(text, account.isEmpty() ? null
                : new AccountId(account), rules) : text.length());
        Json.send(ctx, 200, answer);
    }

    /** The longest start of the text (never splitting a character) within every limit, by bisection. */
    private int fits(String text, AccountId account, PlatformRules rules) {
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (mid < text.length() && Character.isLowSurrogate(text.charAt(mid))) {
                mid--;
            }
            if (mid <= low) {
                break;
            }
            String start = text.substring(0, mid);
            boolean over = account == null
                    ? rules.textLimits().stream().anyMatch(limit -> limit.count(start) > limit.max())
                    : core.platforms().measure(account, start).stream().anyMatch(PlatformCatalog.TextCount::over);
            if (over) {
                high = mid - 1;
            } else {
                low = mid;
            }
        }
        return low;
    }

    /** The rules before any account is chosen: the first platform's stock ones. */
    private PlatformRules stockRules() {
        return core.platforms().defaults(core.platforms().platforms().get(0).id());
    }

    private void create(Context ctx) throws IOException {
        DraftReceiver.Received received = receiver.receive(ctx);
        try {
            if (GroupCompose.isGroup(received)) {
                Group group = groups.submit(received);
                Json.send(ctx, 201, GroupCompose.view(group, views));
                group.publications().stream().map(PublicationDetails::publication)
                        .filter(p -> p.placement() == null || p.placement().item() == 0).forEach(runNow::startIfDue);
                return;
            }
            Publication publication = submit(received);
            Json.send(ctx, 201, views.view(publication));
            runNow.startIfDue(publication);
        } catch (RuntimeException e) {
            received.discard();
            throw e;
        }
    }

    private Publication submit(DraftReceiver.Received received) {
        List<DraftReceiver.Upload> accepted = new ArrayList<>(received.files.stream()
                .filter(f -> f.path() != null && f.item() < 0).toList());
        List<Problem> vanished = new ArrayList<>();
        // Files sent ahead (POST /api/uploads, as the compose page does on attaching), named by id: never in
        // received.files, so a refused post leaves them for the draft that holds them.
        received.fields.forEach((name, value) -> {
            Matcher m = MEDIA_UPLOAD.matcher(name);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                uploads.sentAhead(value, -1, index).ifPresentOrElse(accepted::add, () -> vanished.add(
                        new Problem("media[" + index + "]", UploadStore.vanished(index))));
            }
        });
        accepted.sort(Comparator.comparingInt(DraftReceiver.Upload::index));
        DraftProblems problems = new DraftProblems(accepted, Set.of(ScheduleField.FIELD));
        received.problems.forEach(problems::add);
        vanished.forEach(problems::add);
        String accountValue = received.field("account").strip();
        AccountId account = null;
        if (accountValue.isEmpty()) {
            problems.add(new Problem("account", "choose the account to publish with"));
        } else {
            account = new AccountId(accountValue);
        }
        Instant scheduledAt = ScheduleField.read(received.field(ScheduleField.FIELD), received.field("timeZone"),
                clock.instant(), problems::add);
        String replyTo = replyTo(received.field("replyTo"), problems::add);
        List<DraftInput.Attachment> attachments = new ArrayList<>();
        for (DraftReceiver.Upload upload : accepted) {
            attachments.add(new DraftInput.Attachment(upload.path(), received.altTexts.get(upload.index()),
                    received.focuses.get(upload.index())));
        }
        DraftInput input = new DraftInput(received.field("text"), attachments, replyTo, scheduledAt,
                received.options);
        if (account == null) {
            throw problems.error();
        }
        try {
            if (!problems.isEmpty()) {
                // Let the core find the rest too, so the user fixes everything in one go.
                core.publications().check(account, input);
                throw problems.error();
            }
            return core.publications().submit(account, input);
        } catch (OutpostException e) {
            if (e.kind() == OutpostException.Kind.INVALID_INPUT) {
                problems.addFromCore(e.problems());
                throw problems.error();
            }
            if (e.kind() == OutpostException.Kind.RECONNECT_NEEDED) {
                throw new WebError(409, e.getMessage(), List.of(new Problem("account", e.getMessage())));
            }
            throw e;
        }
    }

    /**
     * The post to answer, as the user gave it (an id, a link): only the account's platform knows what it means, so
     * it is passed on as it is, after a sanity check.
     */
    static String replyTo(String raw, java.util.function.Consumer<Problem> problems) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_REPLY_TO_LENGTH || value.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            problems.accept(new Problem("replyTo", "give the id of the post to reply to, or a link to it"));
            return null;
        }
        return value;
    }

    private void page(Context ctx) {
        Sessions.Session session = WebSecurity.session(ctx);
        ComposePage.Opened opened = pages.open(ctx.queryParam("draft"), ctx.queryParam("edit"));
        ctx.html(layout.page(opened.title(), session, "compose", pages.body(opened), "field-problems.js",
                "schedule.js", "compose.js"));
    }
}
