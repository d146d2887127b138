package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.storage.PublicationStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calendar of scheduled publications: the page (calendar.js draws the week or the month in the browser's own time
 * zone) and {@code GET /api/calendar?from=…&to=…}, what waits for a time within that range, one entry per group (a
 * cross-post or a thread) or lone publication: its time, first words, platforms and page.
 */
final class CalendarPage {
    private static final int MAX_SCHEDULED = 2000;
    private static final Duration MAX_RANGE = Duration.ofDays(62);

    private final OutpostCore core;
    private final Layout layout;

    CalendarPage(OutpostCore core, Layout layout) {
        this.core = core;
        this.layout = layout;
    }

    void register(RoutesConfig routes) {
        routes.get("/calendar", this::page);
        routes.get("/api/calendar", ctx -> Json.send(ctx, 200, Map.of("entries", entries(ctx))));
    }

    private void page(Context ctx) {
        String body = """
                <section class="card wide" id="calendar-page">
                <h1>Calendar</h1>
                <div class="cal-toolbar">
                  <div class="cal-nav">
                    <button type="button" class="secondary" id="cal-prev">‹ Previous</button>
                    <button type="button" class="secondary" id="cal-today">Today</button>
                    <button type="button" class="secondary" id="cal-next">Next ›</button>
                  </div>
                  <h2 id="cal-title" aria-live="polite">Scheduled publications</h2>
                  <div class="cal-views" role="group" aria-label="View">
                    <button type="button" class="secondary" id="view-week" aria-pressed="true">Week</button>
                    <button type="button" class="secondary" id="view-month" aria-pressed="false">Month</button>
                  </div>
                </div>
                <p class="muted">Times in your time zone, <span id="cal-zone">UTC</span>. Posts waiting for their
                  time appear on their day; open one to edit, reschedule or cancel it.</p>
                <div id="calendar" class="calendar" data-view="week"></div>
                <p class="problem" id="cal-problem" role="alert"></p>
                <noscript><p>The calendar needs JavaScript; the <a href="/publications?state=queued">waiting
                  publications</a> are listed without it.</p></noscript>
                </section>""";
        ctx.html(layout.page("Calendar", WebSecurity.session(ctx), "calendar", body, "calendar.js"));
    }

    private List<Map<String, Object>> entries(Context ctx) {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new WebError(400, "'to' must come after 'from', at most " + MAX_RANGE.toDays() + " days later");
        }
        List<Publication> waiting = core.publications().list(new PublicationStore.Query(
                Set.of(PublicationState.QUEUED), null, MAX_SCHEDULED));
        Map<String, List<Publication>> byEntry = new LinkedHashMap<>();
        for (Publication p : waiting) {
            Instant at = p.draft().scheduledAt();
            if (at == null || at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            GroupId group = p.group();
            byEntry.computeIfAbsent(group == null ? "p:" + p.id().value() : "g:" + group.value(),
                    key -> new ArrayList<>()).add(p);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (List<Publication> members : byEntry.values()) {
            entries.add(entry(members));
        }
        entries.sort((a, b) -> ((Instant) a.get("at")).compareTo((Instant) b.get("at")));
        return entries;
    }

    /** One group's (or lone publication's) entry: from its first post. */
    private Map<String, Object> entry(List<Publication> members) {
        Publication first = members.stream().min((a, b) -> Integer.compare(item(a), item(b))).orElseThrow();
        Set<String> platforms = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        int posts = 0;
        for (Publication p : members) {
            PublicationDetails details = core.publications().details(p);
            platforms.add(details.platformName());
            accounts.add(details.accountName());
            posts = Math.max(posts, item(p) + 1);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", first.draft().scheduledAt());
        entry.put("text", first.draft().text());
        entry.put("platforms", List.copyOf(platforms));
        entry.put("accounts", List.copyOf(accounts));
        entry.put("posts", posts);
        entry.put("group", first.group() == null ? null : first.group().value());
        entry.put("href", first.group() == null ? "/publications/" + first.id().value()
                : "/publications/group/" + first.group().value());
        return entry;
    }

    private static int item(Publication p) {
        return p.placement() == null ? 0 : p.placement().item();
    }

    private static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new WebError(400, "give '" + name + "' as an instant such as 2030-01-31T00:00:00Z");
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new WebError(400, "'" + name + "' is not an instant such as 2030-01-31T00:00:00Z");
        }
    }
}
