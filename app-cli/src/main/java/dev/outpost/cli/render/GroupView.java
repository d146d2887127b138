package dev.outpost.cli.render;

import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one compose action made, as {@code --json} prints it: a cross-post (several targets, one post each), a thread
 * (one target, several posts) or both, with every target's chain of posts, their states and links.
 *
 * @param group the group's id
 * @param kind {@code crosspost}, {@code thread} or {@code crosspost-thread}
 * @param state the core's summary ({@link Group.State}): {@code PUBLISHED}, {@code SOME_FAILED}, {@code
 *     SCHEDULED}, {@code IN_PROGRESS} or {@code CANCELLED}
 * @param items how many posts each target gets
 * @param targets every target, in the group's order
 */
public record GroupView(String group, String kind, String state, int items, String scheduledAt, String text,
        List<TargetView> targets) {

    /**
     * One target: an account and its chain of posts.
     *
     * @param state {@code PUBLISHED} when every post of the chain is, else the state of its first post that is not
     * @param url the link of the chain's first post, once published
     * @param problem why the chain stopped (the first unpublished post's failure), or what it waits for; null when
     *     none
     */
    public record TargetView(String account, String name, String platform, String state, String publication,
            String postId, String url, String problem, List<ItemView> posts) {
    }

    /** One post of a target's chain. */
    public record ItemView(int item, String publication, String state, String postId, String url, String failure,
            String text) {
    }

    public static GroupView of(Group group) {
        List<PublicationDetails> publications = group.publications();
        Map<String, List<PublicationDetails>> chains = new LinkedHashMap<>();
        for (PublicationDetails details : publications) {
            chains.computeIfAbsent(details.publication().account().value(), k -> new ArrayList<>()).add(details);
        }
        List<TargetView> targets = new ArrayList<>();
        int items = 0;
        String scheduledAt = null;
        String text = null;
        for (List<PublicationDetails> chain : chains.values()) {
            items = Math.max(items, chain.size());
            targets.add(target(chain));
            Publication first = chain.get(0).publication();
            if (scheduledAt == null && first.draft().scheduledAt() != null) {
                scheduledAt = first.draft().scheduledAt().toString();
            }
            if (text == null) {
                text = first.draft().text();
            }
        }
        String kind = targets.size() > 1 && items > 1 ? "crosspost-thread" : items > 1 ? "thread" : "crosspost";
        return new GroupView(group.id().value(), kind, group.state().name(), items, scheduledAt,
                text == null ? "" : text, targets);
    }

    private static TargetView target(List<PublicationDetails> chain) {
        List<ItemView> posts = new ArrayList<>();
        PublicationDetails stopped = null;
        for (PublicationDetails details : chain) {
            Publication p = details.publication();
            int item = p.placement() == null ? posts.size() : p.placement().item();
            posts.add(new ItemView(item, p.id().value(), p.state().name(), p.remotePostId(),
                    details.url().map(Object::toString).orElse(null), p.failure(), p.draft().text()));
            if (stopped == null && p.state() != PublicationState.PUBLISHED) {
                stopped = details;
            }
        }
        PublicationDetails first = chain.get(0);
        String state = stopped == null ? PublicationState.PUBLISHED.name() : stopped.publication().state().name();
        String problem = null;
        if (stopped != null) {
            Publication p = stopped.publication();
            int index = chain.indexOf(stopped);
            if (p.failure() != null) {
                problem = chain.size() > 1 ? "post " + (index + 1) + ": " + p.failure() : p.failure();
            } else if (index > 0 && p.state() == PublicationState.QUEUED) {
                Publication before = chain.get(index - 1).publication();
                if (before.state() != PublicationState.PUBLISHED) {
                    problem = "post " + (index + 1) + " waits for post " + index + ", which is "
                            + before.state().name().toLowerCase(Locale.ROOT);
                }
            }
        }
        return new TargetView(first.publication().account().value(), first.accountName(), first.platformName(), state,
                first.publication().id().value(), first.publication().remotePostId(),
                first.url().map(Object::toString).orElse(null), problem, posts);
    }

    /** The same group with its targets in this order of account ids (the order the user named them); others last. */
    public GroupView inOrder(List<String> accounts) {
        List<TargetView> sorted = new ArrayList<>(targets);
        sorted.sort(java.util.Comparator.comparingInt(t -> {
            int at = accounts.indexOf(t.account());
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return new GroupView(group, kind, state, items, scheduledAt, text, sorted);
    }

    /** The target as people know it: {@code @alice (Bluesky)}. */
    public static String label(TargetView target) {
        return target.name() + " (" + target.platform() + ")";
    }

    /** One line of {@code publications list}, in the columns of a publication's. */
    public String line(String updatedAt) {
        String when = "SCHEDULED".equals(state) && scheduledAt != null ? "due " + scheduledAt : updatedAt;
        String preview = text.replaceAll("\\s+", " ");
        if (preview.length() > 40) {
            preview = preview.substring(0, 39) + "…";
        }
        long published = targets.stream().flatMap(t -> t.posts().stream())
                .filter(i -> "PUBLISHED".equals(i.state())).count();
        long all = targets.stream().mapToLong(t -> t.posts().size()).sum();
        String what = (items > 1 ? "thread of " + items + " posts" : "post") + " to " + targets.size()
                + (targets.size() == 1 ? " account" : " accounts") + ": "
                + String.join(", ", targets.stream().map(t -> t.name() + " " + t.state().toLowerCase(Locale.ROOT))
                        .toList()) + " (" + published + "/" + all + " published)";
        return String.format(Locale.ROOT, "%-36s %-11s %-24s %-40s %s", group, "group " + state.toLowerCase(
                Locale.ROOT).replace('_', ' '), when, preview, what).stripTrailing();
    }

    /** The lines of {@code publications show GROUP}. */
    public String details() {
        StringBuilder out = new StringBuilder();
        out.append("group ").append(group).append(" (").append(kind.replace('-', ' ')).append(")\n");
        out.append("  state      ").append(state.toLowerCase(Locale.ROOT).replace('_', ' ')).append('\n');
        if (scheduledAt != null) {
            out.append("  scheduled  ").append(scheduledAt).append('\n');
        }
        for (TargetView target : targets) {
            out.append("  ").append(label(target)).append(": ").append(target.state().toLowerCase(Locale.ROOT));
            if (target.problem() != null) {
                out.append(" (").append(target.problem()).append(')');
            }
            out.append('\n');
            for (ItemView post : target.posts()) {
                out.append("    ");
                if (items > 1) {
                    out.append("post ").append(post.item() + 1).append('/').append(items).append("  ");
                }
                out.append(String.format(Locale.ROOT, "%-11s %s", post.state().toLowerCase(Locale.ROOT),
                        post.publication()));
                if (post.url() != null) {
                    out.append("  ").append(post.url());
                } else if (post.postId() != null) {
                    out.append("  post ").append(post.postId());
                }
                if (post.failure() != null && !"PUBLISHED".equals(post.state())) {
                    out.append("  ").append(post.failure());
                }
                out.append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
