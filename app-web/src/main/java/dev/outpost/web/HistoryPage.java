package dev.outpost.web;

import dev.outpost.application.Group;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The history: filters, and one row per publication saying when it goes out (its schedule time while it waits) and
 * how it stands. The rows are also served alone ({@code /publications/rows}, same filters) for history.js, which
 * refreshes them every few seconds so the page follows the queue.
 */
final class HistoryPage {
    private final OutpostCore core;
    private final Layout layout;

    HistoryPage(OutpostCore core, Layout layout) {
        this.core = core;
        this.layout = layout;
    }

    void page(Context ctx, List<Publication> publications) {
        Sessions.Session session = WebSecurity.session(ctx);
        String state = blankToEmpty(ctx.queryParam("state"));
        String account = blankToEmpty(ctx.queryParam("account"));
        StringBuilder body = new StringBuilder("<section class=\"card\"><h1>Publications</h1>");
        body.append("<form method=\"get\" action=\"/publications\" class=\"filters\" id=\"filters\">")
                .append("<label for=\"filter-state\">State</label><select id=\"filter-state\" name=\"state\">")
                .append("<option value=\"\">any</option>");
        for (PublicationState s : PublicationState.values()) {
            String name = PublicationViews.stateName(s);
            body.append("<option value=\"").append(name).append("\"").append(name.equalsIgnoreCase(state)
                    ? " selected" : "").append(">").append(name).append("</option>");
        }
        body.append("</select><label for=\"filter-account\">Account</label>")
                .append("<select id=\"filter-account\" name=\"account\"><option value=\"\">any</option>");
        for (Account a : core.accounts().list()) {
            body.append("<option value=\"").append(Html.esc(a.id().value())).append("\"")
                    .append(a.id().value().equals(account) ? " selected" : "").append(">@")
                    .append(Html.esc(a.handle())).append("</option>");
        }
        body.append("</select><button type=\"submit\" class=\"secondary\">Filter</button></form>");
        boolean filtered = !state.isEmpty() || !account.isEmpty();
        body.append("<p id=\"no-publications\"").append(publications.isEmpty() ? "" : " hidden").append(">")
                .append(filtered ? "No publication matches these filters. <a href=\"/publications\">Show all"
                        + " publications</a>." : "Nothing here yet. <a href=\"/compose\">Compose a post</a>.")
                .append("</p>");
        body.append("<table class=\"list\" id=\"history\"").append(publications.isEmpty() ? " hidden" : "")
                .append("><thead><tr><th>When</th><th>Account</th><th>Text</th><th>Media</th><th>State</th>")
                .append("<th><span class=\"sr-only\">Links</span></th></tr></thead><tbody id=\"history-rows\">")
                .append(rows(publications)).append("</tbody></table>");
        body.append("</section>");
        ctx.html(layout.page("Publications", session, "publications", body.toString(), "history.js"));
    }

    /** The table's rows alone, for history.js. */
    void rowsOnly(Context ctx, List<Publication> publications) {
        ctx.html(rows(publications));
    }

    /** One row per lone publication, and one per group (a cross-post or a thread) at its newest member's place. */
    private String rows(List<Publication> publications) {
        StringBuilder rows = new StringBuilder();
        Set<GroupId> shown = new HashSet<>();
        for (Publication p : publications) {
            if (p.group() != null) {
                if (shown.add(p.group())) {
                    rows.append(groupRow(core.publications().group(p.group())));
                }
                continue;
            }
            PublicationDetails details = core.publications().details(p);
            String id = p.id().value();
            rows.append("<tr data-publication=\"").append(Html.esc(id)).append("\" data-state=\"")
                    .append(PublicationViews.stateName(p.state())).append("\"><td data-label=\"When\" class=\"when\">")
                    .append(when(p)).append("</td><td data-label=\"Account\">")
                    .append(Html.esc(details.accountName())).append(" <span class=\"muted\">")
                    .append(Html.esc(details.platformName())).append("</span></td>")
                    .append("<td class=\"excerpt\" data-label=\"Text\">").append(Html.esc(excerpt(p.draft().text())))
                    .append("</td><td data-label=\"Media\">").append(p.draft().media().size())
                    .append("</td><td data-label=\"State\">").append(PublicationRoutes.badge(p.state()))
                    .append("</td><td><a href=\"/publications/").append(Html.esc(id)).append("\">details</a>");
            details.url().ifPresent(url -> rows.append(" · <a href=\"").append(Html.esc(url))
                    .append("\" rel=\"noopener noreferrer\" target=\"_blank\">view post</a>"));
            rows.append("</td></tr>");
        }
        return rows.toString();
    }

    /** A group as one entry: its targets, the thread's length, its overall state; details on the group's page. */
    private static String groupRow(Group group) {
        if (group.publications().isEmpty()) {
            return "";
        }
        String id = group.id().value();
        Publication first = GroupViews.first(group);
        int posts = GroupViews.threadLength(group);
        long published = group.publications().stream()
                .filter(d -> d.publication().state() == PublicationState.PUBLISHED).count();
        String when = group.state() == Group.State.SCHEDULED && group.scheduledAt() != null
                ? "<span class=\"muted\">scheduled for</span> " + Times.html(group.scheduledAt(), null) : when(first);
        return "<tr data-group=\"" + Html.esc(id) + "\" data-state=\"" + GroupViews.stateName(group)
                + "\"><td data-label=\"When\" class=\"when\">" + when + "</td><td data-label=\"Account\">"
                + Html.esc(GroupViews.targetsSummary(group)) + "</td><td class=\"excerpt\" data-label=\"Text\">"
                + Html.esc(excerpt(first.draft().text())) + (posts > 1 ? " <span class=\"muted group-summary\">"
                + "(thread of " + posts + " posts)</span>" : "") + "</td><td data-label=\"Media\">"
                + first.draft().media().size() + "</td><td data-label=\"State\"><span class=\"badge "
                + GroupViews.badgeClass(group.state()) + " state\">" + GroupViews.stateWords(group)
                + "</span> <span class=\"muted group-summary\">" + published + " of " + group.publications().size()
                + " out</span></td><td><a href=\"/publications/group/" + Html.esc(id) + "\">details</a></td></tr>";
    }

    /** When it goes (or went) out: its schedule time while it waits for it, else when it was published or asked for. */
    private static String when(Publication p) {
        if (p.draft().scheduledAt() != null && p.state() == PublicationState.QUEUED) {
            return "<span class=\"muted\">scheduled for</span> " + Times.html(p.draft().scheduledAt(), null);
        }
        if (p.state() == PublicationState.PUBLISHED) {
            return "<span class=\"muted\">published</span> " + Times.html(p.updatedAt(), null);
        }
        return "<span class=\"muted\">created</span> " + Times.html(p.createdAt(), null);
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 80 ? flat.substring(0, 79) + "…" : flat;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
