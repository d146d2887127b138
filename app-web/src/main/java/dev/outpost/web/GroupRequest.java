package dev.outpost.web;

import dev.outpost.application.ComposeInput;
import dev.outpost.application.DraftInput;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.AccountId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose for several accounts and/or several posts, as JSON:
 * {@code {"accounts":[…], "items":[{"text":…, "media":[{"upload":…, "alt":…, "focus":"x,y"}]}],
 * "textFor":{account: text}, "replyTo":…, "scheduledAt":…, "timeZone":…, "options":{…}}}. Files are uploaded first ({@code POST /api/uploads})
 * and referenced by the id that answered. {@code textFor} replaces item 0's text for an account; a list (or an object
 * keyed by item index) replaces several items' texts. Every problem of the request's shape is collected, named by its
 * field ({@code accounts}, {@code items[1].media[0].upload}, …), so the user fixes everything in one go. Stateless
 * apart from one request's problems.
 */
final class GroupRequest {
    static final int MAX_ITEMS = 25;
    private static final int MAX_REPLY_TO_LENGTH = 1000;

    private final List<Problem> problems = new ArrayList<>();
    /** Each referenced upload's stored path, by the user's name for it (messages name files as the user does). */
    private final Map<Path, String> fileNames = new HashMap<>();
    private ComposeInput input;

    /** Whether a JSON body asks for a group (several accounts or thread items) rather than one account's post. */
    static boolean isGroup(Map<String, Object> json) {
        return json.containsKey("accounts") || json.containsKey("targets") || json.containsKey("items")
                || json.containsKey("edit");
    }

    /** The group a POST replaces ({@code "edit": id}, as the compose page's edit mode sends it), or null. */
    static String edit(Map<String, Object> json) {
        return json.get("edit") instanceof String id && !id.isBlank() ? id.strip() : null;
    }

    static GroupRequest read(Map<String, Object> json, UploadStore uploads, Clock clock) {
        GroupRequest request = new GroupRequest();
        request.parse(json, uploads, clock);
        return request;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The compose asked for; null when the request's shape had a problem that stops reading it. */
    ComposeInput input() {
        return input;
    }

    /** The core's words with the user's file names instead of stored paths. */
    Problem shown(Problem problem) {
        String message = problem.message();
        for (Map.Entry<Path, String> file : fileNames.entrySet()) {
            message = message.replace(file.getKey().toString(), file.getValue())
                    .replace(file.getKey().getFileName().toString(), file.getValue());
        }
        return new Problem(problem.field(), message);
    }

    private void parse(Map<String, Object> json, UploadStore uploads, Clock clock) {
        List<AccountId> accounts = new ArrayList<>();
        Map<AccountId, Map<Integer, String>> textFor = textFor(json.get("textFor"));
        Object rawAccounts = json.containsKey("accounts") ? json.get("accounts") : targets(json.get("targets"),
                textFor);
        if (rawAccounts instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s && !s.isBlank()) {
                    accounts.add(new AccountId(s.strip()));
                } else {
                    problem("accounts[" + i + "]", "an account id such as x:1234567890");
                }
            }
        } else {
            problem("accounts", "choose at least one account: a list of account ids such as [\"x:1234567890\"]");
        }
        List<ComposeInput.Item> items = new ArrayList<>();
        Object rawItems = json.get("items");
        if (rawItems instanceof List<?> list && !list.isEmpty()) {
            if (list.size() > MAX_ITEMS) {
                problem("items", "a thread has at most " + MAX_ITEMS + " posts; this one has " + list.size());
            }
            for (int i = 0; i < list.size() && i < MAX_ITEMS; i++) {
                items.add(item(list.get(i), "items[" + i + "]", uploads));
            }
        } else {
            problem("items", "give the posts as a list: [{\"text\": \"…\"}] (one for a single post, more for a"
                    + " thread)");
        }
        for (AccountId account : textFor.keySet()) {
            if (!accounts.contains(account)) {
                problem("textFor." + account.value(), "textFor names " + account.value()
                        + ", which is not one of the accounts chosen");
            }
        }
        Instant scheduledAt = ScheduleField.read(string(json.get(ScheduleField.FIELD)), string(json.get("timeZone")),
                clock.instant(), problems::add);
        String replyTo = string(json.get("replyTo")).strip();
        if (replyTo.length() > MAX_REPLY_TO_LENGTH || replyTo.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            problem("replyTo", "give the id of the post to reply to, or a link to it");
            replyTo = "";
        }
        Map<String, String> options = new LinkedHashMap<>();
        Object rawOptions = json.get("options");
        if (rawOptions instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key != null && value != null) {
                    options.put(key.toString(), value.toString());
                }
            });
        } else if (rawOptions != null) {
            problem("options", "options are an object of the platforms' option keys and their values");
        }
        if (accounts.isEmpty() || items.isEmpty()) {
            return;
        }
        List<ComposeInput.Target> targets = accounts.stream()
                .map(a -> new ComposeInput.Target(a, textFor.getOrDefault(a, Map.of()))).toList();
        input = new ComposeInput(targets, items, replyTo.isEmpty() ? null : replyTo, scheduledAt, options);
    }

    private ComposeInput.Item item(Object raw, String field, UploadStore uploads) {
        if (!(raw instanceof Map<?, ?> map)) {
            problem(field, "each post is an object: {\"text\": \"…\", \"media\": [{\"upload\": \"…\", \"alt\": \"…\"}]}");
            return ComposeInput.Item.of("");
        }
        List<DraftInput.Attachment> media = new ArrayList<>();
        Object rawMedia = map.get("media");
        if (rawMedia instanceof List<?> list) {
            for (int k = 0; k < list.size(); k++) {
                String mediaField = field + ".media[" + k + "]";
                if (!(list.get(k) instanceof Map<?, ?> m) || !(m.get("upload") instanceof String id)) {
                    problem(mediaField, "each file is {\"upload\": \"<id from POST /api/uploads>\", \"alt\": \"…\"}");
                    continue;
                }
                Path path = uploads.find(id).orElse(null);
                if (path == null) {
                    problem(mediaField + ".upload", "no uploaded file '" + id + "'; upload it with POST /api/uploads"
                            + " and use the id it answers");
                    continue;
                }
                fileNames.put(path, uploads.clientName(path).orElse(id));
                Object alt = m.get("alt");
                Object focus = m.get("focus");
                media.add(new DraftInput.Attachment(path, alt == null ? null : alt.toString(),
                        focus == null ? null : focus.toString()));
            }
        } else if (rawMedia != null) {
            problem(field + ".media", "media is a list of uploaded files");
        }
        return new ComposeInput.Item(string(map.get("text")), media);
    }

    /**
     * The compose page's JSON shape, {@code "targets": ["x:1", {"account": "…", "textFor": {"0": "…"}}]}: the account
     * ids, each object's own texts added to {@code textFor}.
     */
    private List<Object> targets(Object raw, Map<AccountId, Map<Integer, String>> textFor) {
        if (!(raw instanceof List<?> list)) {
            return null;
        }
        List<Object> accounts = new ArrayList<>();
        for (Object target : list) {
            if (target instanceof Map<?, ?> map && map.get("account") instanceof String account) {
                accounts.add(account);
                Map<AccountId, Map<Integer, String>> own = textFor(map.get("textFor") == null ? null
                        : Map.of(account, map.get("textFor")));
                own.forEach((id, texts) -> textFor.merge(id, texts, (a, b) -> {
                    Map<Integer, String> both = new HashMap<>(a);
                    both.putAll(b);
                    return both;
                }));
            } else {
                accounts.add(target);
            }
        }
        return accounts;
    }

    /** {account: text} for item 0, or {account: [text, …]} / {account: {"1": text}} for thread items. */
    private Map<AccountId, Map<Integer, String>> textFor(Object raw) {
        Map<AccountId, Map<Integer, String>> all = new LinkedHashMap<>();
        if (raw == null) {
            return all;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            problem("textFor", "textFor is an object: {\"<account id>\": \"text for that account\"}");
            return all;
        }
        map.forEach((key, value) -> {
            String field = "textFor." + key;
            Map<Integer, String> texts = new HashMap<>();
            if (value instanceof String text) {
                texts.put(0, text);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) != null) {
                        texts.put(i, list.get(i).toString());
                    }
                }
            } else if (value instanceof Map<?, ?> byIndex) {
                byIndex.forEach((index, text) -> {
                    try {
                        texts.put(Integer.parseInt(index.toString()), String.valueOf(text));
                    } catch (NumberFormatException e) {
                        problem(field, "'" + index + "' is not a post's index (0 for the first)");
                    }
                });
            } else {
                problem(field, "a text, a list of texts (one per post, null to keep the post's), or an object of"
                        + " texts by post index");
            }
            all.put(new AccountId(key.toString().strip()), texts);
        });
        return all;
    }

    private void problem(String field, String message) {
        problems.add(new Problem(field, message));
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }
}
