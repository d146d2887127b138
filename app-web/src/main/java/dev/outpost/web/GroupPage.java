package dev.outpost.web;

import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import java.util.List;
import java.util.Map;

/**
 * The page of a group: every target (account, platform) with its chain of posts (a thread) or its single post, each
 * post's state (kept live by group.js over the group's event stream), its link once published, its problem in the
 * user's words and Retry when it failed; the schedule time with a quick reschedule, Edit and "Cancel all not yet
 * sent" while nothing has started.
 */
final class GroupPage {
    private final GroupViews views;
    private final PublicationViews publicationViews;

    GroupPage(GroupViews views, PublicationViews publicationViews) {
        this.views = views;
        this.publicationViews = publicationViews;
    }

    String body(Group group, Sessions.Session session) {
        String id = group.id().value();
        String base = "/publications/group/" + Html.esc(id);
        boolean editable = GroupViews.editable(group);
        int posts = GroupViews.threadLength(group);
        StringBuilder body = new StringBuilder("<section class=\"card\" id=\"group\" data-id=\"").append(Html.esc(id))
                .append("\" data-ids=\"").append(Html.esc(String.join(" ", group.publications().stream()
                        .map(d -> d.publication().id().value()).toList()))).append("\"><h1>")
                .append(group.isThread() ? "Thread of " + posts + " posts" : "Post")
                .append(group.targets().size() > 1 ? " to " + group.targets().size() + " accounts" : "")
                .append("</h1>");
        body.append("<p>State: <span id=\"group-state\" class=\"badge ").append(GroupViews.badgeClass(group.state()))
                .append("\">").append(GroupViews.stateWords(group)).append("</span></p>");
        if (group.scheduledAt() != null) {
            body.append("<p id=\"schedule\">Scheduled for ").append(Times.html(group.scheduledAt(), "scheduled"))
                    .append("</p>");
        }
        body.append("<div class=\"actions\" id=\"group-actions\">");
        body.append("<a class=\"button secondary\" id=\"edit\" href=\"/compose?edit=").append(Html.esc(id))
                .append("\"").append(editable ? "" : " hidden").append(">Edit</a>");
        boolean cancellable = group.publications().stream()
                .anyMatch(d -> d.publication().state().canMoveTo(PublicationState.CANCELLED));
        body.append("<form method=\"post\" action=\"").append(base).append("/cancel\" id=\"cancel-group-form\"")
                .append(cancellable ? "" : " hidden").append(">").append(Html.csrfField(session))
                .append("<button type=\"submit\" class=\"secondary\" id=\"cancel-group\">Cancel all not yet sent")
                .append("</button></form></div>");
        body.append(rescheduleForm(base, session, editable));
        for (AccountId account : group.targets()) {
            List<PublicationDetails> chain = group.chain(account);
            PublicationDetails first = chain.get(0);
            body.append("<section class=\"target\" data-account=\"").append(Html.esc(account.value()))
                    .append("\"><h2>").append(Html.esc(first.platformName())).append(" <span class=\"muted\">")
                    .append(Html.esc(first.accountName())).append("</span></h2><ol class=\"chain")
                    .append(chain.size() > 1 ? " thread" : "").append("\">");
            for (int i = 0; i < chain.size(); i++) {
                body.append(item(chain.get(i), i, chain.size(), base, session));
            }
            body.append("</ol></section>");
        }
        body.append("<p><a href=\"/publications\">All publications</a> · <a href=\"/calendar\">Calendar</a></p>")
                .append("</section>");
        return body.toString();
    }

    private String item(PublicationDetails details, int index, int count, String base, Sessions.Session session) {
        Publication p = details.publication();
        Map<String, Object> view = publicationViews.view(details);
        String pid = Html.esc(p.id().value());
        StringBuilder li = new StringBuilder("<li class=\"item\" data-publication=\"").append(pid)
                .append("\" data-state=\"").append(PublicationViews.stateName(p.state())).append("\">");
        li.append("<div class=\"item-head\">").append(count > 1 ? "<span class=\"muted\">Post " + (index + 1)
                + " of " + count + "</span> " : "").append(PublicationRoutes.badge(p.state()))
                .append(" <a class=\"item-details\" href=\"/publications/").append(pid).append("\">details</a></div>");
        li.append("<blockquote class=\"item-text\">").append(Html.esc(p.draft().text())).append("</blockquote>");
        int media = p.draft().media().size();
        if (media > 0) {
            li.append("<p class=\"muted item-media\">").append(media).append(media == 1 ? " file" : " files")
                    .append("</p>");
        }
        Object url = view.get("postUrl");
        li.append("<p class=\"item-link\"").append(url == null ? " hidden" : "").append(">Published: <a class=\"post-link\"")
                .append(" href=\"").append(Html.esc(url)).append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
                .append(Html.esc(url)).append("</a></p>");
        li.append("<p class=\"problem item-problem\">").append(Html.esc(problem(view, p))).append("</p>");
        li.append("<form method=\"post\" class=\"retry-form\" action=\"").append(base).append("/retry/").append(pid)
                .append("\"").append(p.state() == PublicationState.FAILED ? "" : " hidden").append(">")
                .append(Html.csrfField(session)).append("<button type=\"submit\" class=\"retry\">Retry")
                .append(count > 1 ? " post " + (index + 1) : "").append(" on ").append(Html.esc(details.platformName()))
                .append("</button></form></li>");
        return li.toString();
    }

    /** What is wrong, in the user's words: the failure's summary and advice, or why it waits. */
    @SuppressWarnings("unchecked")
    static String problem(Map<String, Object> view, Publication p) {
        Map<String, Object> explained = (Map<String, Object>) view.get("failureExplained");
        if (explained != null) {
            Object advice = explained.get("advice");
            return explained.get("summary") + (advice == null ? "" : " " + advice);
        }
        if (p.state() == PublicationState.UNCONFIRMED) {
            return "Unconfirmed: Outpost is finding out whether the platform made the post.";
        }
        return view.get("failure") == null ? "" : view.get("failure").toString();
    }

    /** A datetime field, in the browser's zone (group.js names it and fills timeZone), shown while nothing started. */
    private static String rescheduleForm(String base, Sessions.Session session, boolean editable) {
        return "<form method=\"post\" action=\"" + base + "/reschedule\" id=\"reschedule-form\" class=\"reschedule\""
                + (editable ? "" : " hidden") + ">" + Html.csrfField(session)
                + "<label for=\"reschedule-at\">Reschedule to <span class=\"muted\">(your time zone, <span"
                + " id=\"reschedule-zone\">UTC</span>)</span></label>"
                + "<input type=\"datetime-local\" id=\"reschedule-at\" name=\"scheduledAt\" required>"
                + "<input type=\"hidden\" name=\"timeZone\" id=\"reschedule-time-zone\" value=\"\">"
                + "<button type=\"submit\" class=\"secondary\" id=\"reschedule\">Reschedule</button></form>";
    }
}
