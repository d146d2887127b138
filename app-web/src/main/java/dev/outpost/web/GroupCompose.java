package dev.outpost.web;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.DraftInput;
import dev.outpost.application.Group;
import dev.outpost.application.GroupProblem;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose of several accounts and/or several posts, as the compose form (or the JSON API) sends it:
 * {@code targets[k]} (account ids, in order) with {@code targets[k].textFor[i]} (that account's own text for post
 * i), {@code items[i].text}, {@code items[i].media[j]} (files) with {@code items[i].media[j].alt} and {@code items[i].media[j].focus}
 * ({@code "x,y"}), or
 * {@code items[i].media[j].ref} (a file the scheduled group being edited already holds) or
 * {@code items[i].media[j].upload} (a file sent ahead with {@code POST /api/uploads}, as the compose page does when a
 * file is attached, so a draft keeps it and publishing does not send it twice), the single post's
 * {@code replyTo}, {@code scheduledAt}/{@code timeZone} and {@code options.KEY}; {@code edit} names the group to
 * replace. The core checks every account × post before anything is stored; its problems come back with the user's
 * file numbers and names.
 */
final class GroupCompose {
    static final int MAX_TARGETS = 50;
    static final int MAX_ITEMS = 25;
    private static final Pattern TARGET = Pattern.compile("targets\\[(\\d{1,2})]");
    private static final Pattern TEXT_FOR = Pattern.compile("targets\\[(\\d{1,2})]\\.textFor\\[(\\d{1,2})]");
    private static final Pattern ITEM_FIELD = Pattern.compile("items\\[(\\d{1,2})]\\.(text|media\\[(\\d)]\\.(alt|ref|focus|upload))");
    private static final Pattern CORE_MEDIA = Pattern.compile("^(targets\\[[^\\]]+]\\.items\\[(\\d+)]\\.media)\\[(\\d+)]");

    private final OutpostCore core;
    private final UploadStore uploads;
    private final Clock clock;

    GroupCompose(OutpostCore core, UploadStore uploads, Clock clock) {
        this.core = core;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** Whether a request is a group's (anything but one post to one account in the single post's fields). */
    static boolean isGroup(DraftReceiver.Received received) {
        return received.fields.keySet().stream().anyMatch(k -> k.startsWith("targets[") || k.startsWith("items[")
                || k.equals("edit")) || received.files.stream().anyMatch(f -> f.item() >= 0);
    }

    /** Submits (or, with {@code edit}, replaces) the group; every problem at once as a 422 when anything is wrong. */
    Group submit(DraftReceiver.Received received) {
        List<Problem> own = new ArrayList<>(received.problems);
        Map<Path, String> names = new HashMap<>();
        Map<Integer, List<Integer>> userIndex = new HashMap<>();
        String editValue = received.field("edit").strip();
        GroupId edit = null;
        Map<PublicationId, Publication> editable = new HashMap<>();
        if (!editValue.isEmpty()) {
            try {
                edit = GroupId.of(editValue);
                core.publications().group(edit).publications().forEach(d -> editable.put(d.publication().id(),
                        d.publication()));
            } catch (IllegalArgumentException | OutpostException e) {
                throw new WebError(404, "there is no publication group " + editValue, List.of(new Problem("edit",
                        "there is no publication group " + editValue)));
            }
        }

        List<ComposeInput.Target> targets = targets(received, own);
        TreeSet<Integer> itemIndexes = new TreeSet<>();
        received.fields.keySet().forEach(k -> {
            Matcher m = ITEM_FIELD.matcher(k);
            if (m.matches()) {
                itemIndexes.add(Integer.parseInt(m.group(1)));
            }
        });
        received.files.stream().filter(f -> f.item() >= 0).forEach(f -> itemIndexes.add(f.item()));
        int count = itemIndexes.isEmpty() ? 0 : itemIndexes.last() + 1;
        if (count == 0) {
            own.add(new Problem("items", "write at least one post"));
        } else if (count > MAX_ITEMS) {
            own.add(new Problem("items", "a thread holds at most " + MAX_ITEMS + " posts here; this one has "
                    + count));
            count = MAX_ITEMS;
        }
        List<ComposeInput.Item> items = new ArrayList<>();
        boolean editing = edit != null;
        for (int n = 0; n < count; n++) {
            int i = n;
            TreeMap<Integer, DraftInput.Attachment> media = new TreeMap<>();
            for (DraftReceiver.Upload upload : received.files) {
                if (upload.item() == i && upload.path() != null) {
                    String alt = received.fields.get("items[" + i + "].media[" + upload.index() + "].alt");
                    String focus = received.fields.get("items[" + i + "].media[" + upload.index() + "].focus");
                    media.put(upload.index(), new DraftInput.Attachment(upload.path(), blankToNull(alt), focus));
                    names.put(upload.path(), upload.clientName());
                }
            }
            for (Map.Entry<String, String> field : received.fields.entrySet()) {
                Matcher m = ITEM_FIELD.matcher(field.getKey());
                if (m.matches() && Integer.parseInt(m.group(1)) == i && "ref".equals(m.group(4))) {
                    int j = Integer.parseInt(m.group(3));
                    String alt = received.fields.get("items[" + i + "].media[" + j + "].alt");
                    // A kept file keeps its focal point unless the form sends one (blank: none).
                    String focus = received.fields.get("items[" + i + "].media[" + j + "].focus");
                    kept(field.getValue(), editable).ifPresentOrElse(file -> {
                        String kept = focus != null ? focus : file.focus() == null ? null : file.focus().text();
                        media.put(j, new DraftInput.Attachment(file.file().path(), blankToNull(alt), kept));
                        names.put(file.file().path(), file.file().displayName());
                    }, () -> own.add(new Problem("items[" + i + "].media[" + j + "]", !editing
                            ? "a kept file belongs to the scheduled post being edited; attach the file again"
                            : "that file is no longer part of this scheduled post; attach it again")));
                } else if (m.matches() && Integer.parseInt(m.group(1)) == i && "upload".equals(m.group(4))) {
                    int j = Integer.parseInt(m.group(3));
                    String alt = received.fields.get("items[" + i + "].media[" + j + "].alt");
                    String focus = received.fields.get("items[" + i + "].media[" + j + "].focus");
                    uploads.sentAhead(field.getValue(), i, j).ifPresentOrElse(upload -> {
                        media.put(j, new DraftInput.Attachment(upload.path(), blankToNull(alt), blankToNull(focus)));
                        names.put(upload.path(), upload.clientName());
                    }, () -> own.add(new Problem("items[" + i + "].media[" + j + "]",
                            UploadStore.vanished(j))));
                }
            }
            userIndex.put(i, new ArrayList<>(media.keySet()));
            items.add(new ComposeInput.Item(received.field("items[" + i + "].text"), new ArrayList<>(media.values())));
        }
        Instant scheduledAt = ScheduleField.read(received.field(ScheduleField.FIELD), received.field("timeZone"),
                clock.instant(), own::add);
        String replyTo = ComposeRoutes.replyTo(received.field("replyTo"), own::add);
        ComposeInput input = new ComposeInput(targets, items, replyTo, scheduledAt, received.options);

        Function<Problem, Problem> shown = p -> shown(p, userIndex, names);
        try {
            if (!own.isEmpty()) {
                // Let the core find the rest too, so the user fixes everything in one go.
                if (!targets.isEmpty() && !items.isEmpty()) {
                    core.publications().checkGroup(input).stream().map(GroupProblem::toProblem)
                            .filter(p -> !judgedHere(p, own)).map(shown).forEach(p -> addOnce(own, p));
                }
                throw error(own);
            }
            return edit == null ? core.publications().submitGroup(input) : core.publications().editGroup(edit, input);
        } catch (OutpostException e) {
            if (e.kind() == OutpostException.Kind.INVALID_INPUT) {
                e.problems().stream().filter(p -> !judgedHere(p, own)).map(shown).forEach(p -> addOnce(own, p));
                if (own.isEmpty()) {
                    own.add(new Problem("_general", e.getMessage()));
                }
                throw error(own);
            }
            if (e.kind() == OutpostException.Kind.RECONNECT_NEEDED) {
                throw new WebError(409, e.getMessage(), List.of(new Problem("targets", e.getMessage())));
            }
            throw e;
        }
    }

    private static List<ComposeInput.Target> targets(DraftReceiver.Received received, List<Problem> problems) {
        Map<Integer, String> accounts = new TreeMap<>();
        Map<Integer, Map<Integer, String>> texts = new HashMap<>();
        received.fields.forEach((key, value) -> {
            Matcher target = TARGET.matcher(key);
            Matcher textFor = TEXT_FOR.matcher(key);
            if (target.matches()) {
                accounts.put(Integer.parseInt(target.group(1)), value.strip());
            } else if (textFor.matches()) {
                texts.computeIfAbsent(Integer.parseInt(textFor.group(1)), k -> new HashMap<>())
                        .put(Integer.parseInt(textFor.group(2)), value);
            }
        });
        List<ComposeInput.Target> targets = new ArrayList<>();
        for (Map.Entry<Integer, String> account : accounts.entrySet()) {
            if (account.getValue().isEmpty()) {
                continue;
            }
            if (targets.size() == MAX_TARGETS) {
                problems.add(new Problem("targets", "at most " + MAX_TARGETS + " accounts in one compose"));
                break;
            }
            targets.add(new ComposeInput.Target(new AccountId(account.getValue()),
                    texts.getOrDefault(account.getKey(), Map.of())));
        }
        if (targets.isEmpty()) {
            problems.add(new Problem("targets", "choose at least one account to publish with"));
        }
        return targets;
    }

    /** A file the edited group holds: "publication id:index". */
    private static Optional<MediaAttachment> kept(String ref, Map<PublicationId, Publication> editable) {
        int colon = ref.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            Publication p = editable.get(new PublicationId(ref.substring(0, colon)));
            int index = Integer.parseInt(ref.substring(colon + 1));
            if (p == null || index < 0 || index >= p.draft().media().size()) {
                return Optional.empty();
            }
            return Optional.of(p.draft().media().get(index));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The web app reads the schedule itself; when it found a problem there, the core's words on it are dropped. */
    private static boolean judgedHere(Problem problem, List<Problem> own) {
        return problem.field().equals(ScheduleField.FIELD)
                && own.stream().anyMatch(p -> p.field().equals(ScheduleField.FIELD));
    }

    private static void addOnce(List<Problem> all, Problem problem) {
        if (!all.contains(problem)) {
            all.add(problem);
        }
    }

    /** The core's media[k] is the k-th file of the post as handed over; the user's is the j they attached. */
    private static Problem shown(Problem problem, Map<Integer, List<Integer>> userIndex, Map<Path, String> names) {
        String field = problem.field();
        Matcher m = CORE_MEDIA.matcher(field);
        if (m.find()) {
            List<Integer> user = userIndex.getOrDefault(Integer.parseInt(m.group(2)), List.of());
            int k = Integer.parseInt(m.group(3));
            if (k < user.size()) {
                field = m.group(1) + "[" + user.get(k) + "]" + field.substring(m.end());
            }
        }
        String message = problem.message();
        for (Map.Entry<Path, String> name : names.entrySet()) {
            message = message.replace(name.getKey().toString(), name.getValue())
                    .replace(name.getKey().getFileName().toString(), name.getValue());
        }
        return new Problem(field, message);
    }

    private static WebError error(List<Problem> all) {
        return new WebError(422, all.size() == 1 ? all.get(0).message() : all.size() + " problems; see each account"
                + " and post", all);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The answer to a group's submit: its id, its publications, and the page that follows it. */
    static Map<String, Object> view(Group group, PublicationViews views) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("groupId", group.id().value());
        view.put("publications", group.publications().stream().map(views::view).toList());
        view.put("links", Map.of("page", "/publications/group/" + group.id().value()));
        return view;
    }
}
