package dev.outpost.web;

import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A group (what one compose action made) as the API and the pages show it: each target with its chain of items,
 * each item the publication's own view, and the group's overall state in words.
 */
final class GroupViews {
    private final PublicationViews views;

    GroupViews(PublicationViews views) {
        this.views = views;
    }

    Map<String, Object> view(Group group) {
        Map<String, Object> view = new LinkedHashMap<>();
        String id = group.id().value();
        view.put("id", id);
        view.put("state", stateName(group));
        view.put("thread", group.isThread());
        view.put("scheduledAt", group.scheduledAt());
        view.put("editable", editable(group));
        view.put("cancellable", group.publications().stream()
                .anyMatch(d -> d.publication().state().canMoveTo(PublicationState.CANCELLED)));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (AccountId account : group.targets()) {
            List<PublicationDetails> chain = group.chain(account);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("account", account.value());
            target.put("accountName", chain.get(0).accountName());
            target.put("platform", chain.get(0).platformName());
            target.put("items", chain.stream().map(views::view).toList());
            targets.add(target);
        }
        view.put("targets", targets);
        view.put("links", Map.of("self", "/api/groups/" + id, "events", "/api/groups/" + id + "/events",
                "page", "/publications/group/" + id));
        return view;
    }

    /** Whether it may still be edited or rescheduled: nothing of it has started. */
    static boolean editable(Group group) {
        return !group.publications().isEmpty() && group.publications().stream()
                .allMatch(d -> d.publication().state() == PublicationState.QUEUED);
    }

    /**
     * As the API says it: {@code scheduled} (or {@code queued} when due now and not started yet),
     * {@code in_progress}, {@code published}, {@code some_failed}, {@code cancelled}.
     */
    static String stateName(Group group) {
        Group.State state = group.state();
        if (state == Group.State.SCHEDULED && group.scheduledAt() == null) {
            return "queued";
        }
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** As a page says it: "some failed". */
    static String stateWords(Group group) {
        return stateName(group).replace('_', ' ');
    }

    static String badgeClass(Group.State state) {
        return switch (state) {
            case PUBLISHED -> "ok";
            case SOME_FAILED, CANCELLED -> "bad";
            default -> "busy";
        };
    }

    /** "X @alice, Mastodon @bob" */
    static String targetsSummary(Group group) {
        List<String> names = new ArrayList<>();
        for (AccountId account : group.targets()) {
            PublicationDetails first = group.chain(account).get(0);
            names.add(first.platformName() + " " + first.accountName());
        }
        return String.join(", ", names);
    }

    /** The first item's text of the first target: what the user wrote first. */
    static String firstText(Group group) {
        return group.publications().isEmpty() ? "" : group.chain(group.targets().get(0)).get(0).publication().draft()
                .text();
    }

    /** The number of posts in each target's chain (the thread's length). */
    static int threadLength(Group group) {
        return group.targets().isEmpty() ? 0 : group.chain(group.targets().get(0)).size();
    }

    static Publication first(Group group) {
        return group.chain(group.targets().get(0)).get(0).publication();
    }
}
