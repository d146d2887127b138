package dev.outpost.web;

import dev.outpost.application.DraftInput;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.PlatformCatalog;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
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
import java.util.Optional;
import java.util.Set;

/**
 * Compose: the page, the chosen account's rules ({@code GET /api/accounts/{id}/rules}, read again whenever the
 * account changes), the live text measure ({@code POST /api/measure}, the account's platform's own count against
 * each of its limits), and {@code POST /api/publications}, which receives the draft, has the core check all of it
 * before anything is sent to a platform, and queues it.
 */
final class ComposeRoutes {
    private static final int MAX_REPLY_TO_LENGTH = 1000;

    private final OutpostCore core;
    private final DraftReceiver receiver;
    private final PublicationViews views;
    private final Layout layout;
    private final Clock clock;
    private final RunNow runNow;

    ComposeRoutes(OutpostCore core, DraftReceiver receiver, PublicationViews views, Layout layout, Clock clock,
            RunNow runNow) {
        this.core = core;
        this.clock = clock;
        this.runNow = runNow;
        this.receiver = receiver;
        this.views = views;
        this.layout = layout;
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
        Json.send(ctx, 200, answer);
    }

    /** The rules before any account is chosen: the first platform's stock ones. */
    private PlatformRules stockRules() {
        return core.platforms().defaults(core.platforms().platforms().get(0).id());
    }

    private void create(Context ctx) throws IOException {
        DraftReceiver.Received received = receiver.receive(ctx);
        try {
            Publication publication = submit(received);
            Json.send(ctx, 201, views.view(publication));
            runNow.startIfDue(publication);
        } catch (RuntimeException e) {
            received.discard();
            throw e;
        }
    }

    private Publication submit(DraftReceiver.Received received) {
        List<DraftReceiver.Upload> accepted = received.files.stream().filter(f -> f.path() != null)
                .sorted(Comparator.comparingInt(DraftReceiver.Upload::index)).toList();
        DraftProblems problems = new DraftProblems(accepted, Set.of(ScheduleField.FIELD));
        received.problems.forEach(problems::add);
        String accountValue = received.field("account").strip();
        AccountId account = null;
        if (accountValue.isEmpty()) {
            problems.add(new Problem("account", "choose the account to publish with"));
        } else {
            account = new AccountId(accountValue);
        }
        Instant scheduledAt = ScheduleField.read(received.field(ScheduleField.FIELD), received.field("timeZone"),
                clock.instant(), problems::add);
        String replyTo = replyTo(received.field("replyTo"), problems);
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
    private static String replyTo(String raw, DraftProblems problems) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_REPLY_TO_LENGTH || value.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            problems.add(new Problem("replyTo", "give the id of the post to reply to, or a link to it"));
            return null;
        }
        return value;
    }

    private void page(Context ctx) {
        Sessions.Session session = WebSecurity.session(ctx);
        List<Account> accounts = core.accounts().list();
        // The browser selects the first option it may: the first connected account.
        Optional<Account> chosen = accounts.stream().filter(a -> a.status() == AccountStatus.CONNECTED).findFirst();
        StringBuilder options = new StringBuilder();
        for (Account a : accounts) {
            boolean ok = a.status() == AccountStatus.CONNECTED;
            options.append("<option value=\"").append(Html.esc(a.id().value())).append("\"")
                    .append(ok ? "" : " disabled").append(chosen.filter(a::equals).isPresent() ? " selected" : "")
                    .append(">@").append(Html.esc(a.handle())).append(" (")
                    .append(Html.esc(platformName(a.platformId())))
                    .append(ok ? "" : ", needs reconnect").append(")</option>");
        }
        PlatformRules rules = chosen.map(a -> core.platforms().rules(a.id())).orElseGet(this::stockRules);
        String limits = Json.text(RulesJson.of(rules));
        String noAccount = accounts.isEmpty()
                ? "<p class=\"problem\" id=\"no-account\">Connect an account first on the <a href=\"/accounts\">Accounts"
                + "</a> page.</p>" : "";
        String body = """
                <section class="card">
                <h1>Compose</h1>%s
                <form id="compose" data-limits="%s" novalidate>
                  <label for="account">Account</label>
                  <select id="account" name="account">%s</select>
                  <p class="problem" data-problem-for="account"></p>

                  <label for="text">Text</label>
                  <textarea id="text" name="text" rows="5" placeholder="Write your post"></textarea>
                  <div class="counter" id="counter" aria-live="polite" aria-atomic="true"><span id="count">0</span> / <span id="count-max">%d</span>
                    <span id="count-unit" class="muted">%s</span></div>
                  <p class="problem" data-problem-for="text"></p>

                  <label>Media <span class="muted">(<span id="media-summary">%s</span>)</span></label>
                  <div id="dropzone" class="dropzone">
                    <p>Drop files here, or <label for="file-input" class="link">choose files</label>.</p>
                    <input type="file" id="file-input" multiple accept="%s">
                  </div>
                  <p class="problem" data-problem-for="media"></p>
                  <ol id="media-list" class="media-list"></ol>

                  <div id="post-options" class="post-options"></div>

                  <label for="replyTo">Reply to <span class="muted">(optional: a post id or link)</span></label>
                  <input type="text" id="replyTo" name="replyTo" autocomplete="off">
                  <p class="problem" data-problem-for="replyTo"></p>

                  <fieldset class="when">
                    <legend>When</legend>
                    <label class="choice"><input type="radio" name="when" value="now" checked id="when-now"> Publish now</label>
                    <label class="choice"><input type="radio" name="when" value="later" id="when-later"> Schedule for</label>
                    <label for="scheduledAt" class="when-time">Date and time <span class="muted">(your time zone,
                      <span id="schedule-zone">UTC</span>)</span></label>
                    <input type="datetime-local" id="scheduledAt" name="scheduledAt">
                    <p class="problem" data-problem-for="scheduledAt"></p>
                  </fieldset>
                  <p class="problem" id="form-problem" data-problem-for="_general" role="alert"></p>
                  <button type="submit" id="publish">Publish</button>
                  <div id="sending" class="sending" hidden>
                    <progress id="send-progress" max="100" value="0" aria-labelledby="send-status"></progress>
                    <span id="send-status" class="muted" role="status">Sending…</span>
                  </div>
                </form>
                </section>""".formatted(noAccount, Html.esc(limits), options.toString(),
                rules.primaryTextLimit().max(), Html.esc(rules.primaryTextLimit().unit()),
                Html.esc(rules.describeCombinations()), Html.esc(RulesJson.accept(rules)));
        ctx.html(layout.page("Compose", session, "compose", body, "field-problems.js", "schedule.js", "compose.js"));
    }

    private String platformName(String platformId) {
        try {
            return core.platforms().platform(platformId).displayName();
        } catch (OutpostException unknown) {
            return platformId;
        }
    }
}
