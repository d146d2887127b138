package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.application.Group;
import dev.outpost.application.PublicationDetails;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.ports.storage.SavedDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The compose page: the accounts to post to (checkboxes with each account's rules, for the script's counts,
 * previews and checks), the thread's posts (drawn by compose.js), the options, reply, schedule and the previews. It
 * opens empty, from a saved draft ({@code ?draft=ID}), or from a scheduled group to edit ({@code ?edit=GROUP}: its
 * text, media kept by reference, time and accounts).
 */
final class ComposePage {
    private final OutpostCore core;
    private final PublicationViews views;
    private final UploadStore uploads;

    ComposePage(OutpostCore core, PublicationViews views, UploadStore uploads) {
        this.core = core;
        this.views = views;
        this.uploads = uploads;
    }

    /** What the page opens with: nothing, a draft, or a group to edit (refusal text when it has started). */
    record Opened(String title, Map<String, Object> initial, String draftId, String editId, String notice,
            boolean refused) {
    }

    Opened open(String draftId, String editId) {
        if (editId != null && !editId.isBlank()) {
            return edit(editId.strip());
        }
        if (draftId != null && !draftId.isBlank()) {
            Optional<SavedDraft> draft = core.drafts().find(draftId.strip());
            if (draft.isEmpty()) {
                return new Opened("Compose", null, null, null, "That draft is gone (published or deleted); this is a"
                        + " new post.", false);
            }
            Map<String, Object> initial = Json.read(draft.get().content());
            List<String> gone = dropVanishedUploads(initial);
            String notice = gone.isEmpty() ? null : String.join(", ", gone) + (gone.size() == 1 ? " is" : " are")
                    + " no longer stored on the server, so this draft opens without "
                    + (gone.size() == 1 ? "it" : "them") + "; attach " + (gone.size() == 1 ? "it" : "them")
                    + " again.";
            return new Opened("Compose", initial, draft.get().id(), null, notice, false);
        }
        return new Opened("Compose", null, null, null, null, false);
    }

    /**
     * Takes out of a draft's content the files it names by upload id that are no longer stored (the page would
     * show a broken card, and publishing would refuse them).
     *
     * @return the names of the files taken out, as the user named them
     */
    @SuppressWarnings("unchecked")
    private List<String> dropVanishedUploads(Map<String, Object> initial) {
        List<String> gone = new ArrayList<>();
        if (!(initial.get("items") instanceof List<?> items)) {
            return gone;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> map && map.get("media") instanceof List<?> media) {
                ((List<Object>) media).removeIf(m -> {
                    if (m instanceof Map<?, ?> file && file.get("upload") instanceof String id
                            && uploads.find(id).isEmpty()) {
                        gone.add(file.get("name") instanceof String name ? name : "a file");
                        return true;
                    }
                    return false;
                });
            }
        }
        return gone;
    }

    private Opened edit(String raw) {
        GroupId id;
        Group group;
        try {
            id = GroupId.of(raw);
            group = core.publications().group(id);
        } catch (OutpostException | IllegalArgumentException e) {
            throw new WebError(404, "there is no scheduled publication group " + raw);
        }
        List<PublicationDetails> all = group.publications();
        if (all.isEmpty()) {
            throw new WebError(404, "there is no scheduled publication group " + raw);
        }
        boolean started = all.stream().anyMatch(d -> d.publication().state() != PublicationState.QUEUED);
        List<String> targets = new ArrayList<>();
        Map<String, List<Publication>> chains = new LinkedHashMap<>();
        for (PublicationDetails d : all) {
            Publication p = d.publication();
            String account = p.account().value();
            if (!targets.contains(account)) {
                targets.add(account);
            }
            chains.computeIfAbsent(account, k -> new ArrayList<>()).add(p);
        }
        chains.values().forEach(chain -> chain.sort(java.util.Comparator.comparingInt(ComposePage::item)));
        List<Publication> first = chains.get(targets.get(0));
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < first.size(); i++) {
            Publication base = first.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("text", base.draft().text());
            List<Map<String, Object>> media = new ArrayList<>();
            List<MediaAttachment> attached = base.draft().media();
            for (int j = 0; j < attached.size(); j++) {
                MediaAttachment m = attached.get(j);
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put("ref", base.id().value() + ":" + j);
                kept.put("name", m.file().displayName());
                kept.put("kind", RulesJson.kind(m.file().kind()));
                kept.put("alt", m.altText() == null ? "" : m.altText());
                // The focal point as its two numbers, so the edit keeps it (and may change it).
                kept.put("focusX", m.focus() == null ? "" : m.focus().text().split(",")[0]);
                kept.put("focusY", m.focus() == null ? "" : m.focus().text().split(",")[1]);
                kept.put("url", views.mediaUrl(m.file().path()));
                media.add(kept);
            }
            item.put("media", media);
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String account : targets.subList(1, targets.size())) {
                List<Publication> chain = chains.get(account);
                if (i < chain.size() && !chain.get(i).draft().text().equals(base.draft().text())) {
                    overrides.put(account, chain.get(i).draft().text());
                }
            }
            item.put("overrides", overrides);
            items.add(item);
        }
        all.forEach(d -> options.putAll(d.publication().draft().options()));
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("targets", targets);
        initial.put("items", items);
        initial.put("options", options);
        initial.put("replyTo", first.get(0).draft().replyTo() == null ? "" : first.get(0).draft().replyTo());
        if (first.get(0).draft().scheduledAt() != null) {
            initial.put("scheduledAtInstant", first.get(0).draft().scheduledAt().toString());
        }
        String notice = started
                ? "This group has already started publishing, so it can no longer be edited; open its page to see"
                + " where each account stands."
                : "Editing a scheduled publication: the changes replace it, under the same group.";
        return new Opened("Edit scheduled post", initial, null, id.value(), notice, started);
    }

    private static int item(Publication p) {
        return p.placement() == null ? 0 : p.placement().item();
    }

    String body(Opened opened) {
        List<Account> accounts = core.accounts().list();
        Optional<Account> firstConnected = accounts.stream().filter(a -> a.status() == AccountStatus.CONNECTED)
                .findFirst();
        List<Map<String, Object>> accountJson = new ArrayList<>();
        StringBuilder boxes = new StringBuilder();
        int n = 0;
        for (Account a : accounts) {
            boolean ok = a.status() == AccountStatus.CONNECTED;
            String platform = platformName(a.platformId());
            PlatformRules rules = core.platforms().rules(a.id());
            String name = a.displayName() == null || a.displayName().isBlank() ? a.handle() : a.displayName();
            String initial = name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", a.id().value());
            json.put("handle", a.handle());
            json.put("name", name);
            json.put("initial", initial);
            json.put("platform", platform);
            json.put("platformId", a.platformId());
            json.put("label", platform + " @" + a.handle());
            json.put("connected", ok);
            json.put("rules", RulesJson.of(rules));
            accountJson.add(json);
            boolean checked = ok && opened.initial() == null && firstConnected.filter(a::equals).isPresent();
            String boxId = "target-" + n;
            boxes.append("<div class=\"target-row\"><input type=\"checkbox\" class=\"target-box\" id=\"").append(boxId)
                    .append("\" value=\"").append(Html.esc(a.id().value())).append("\"")
                    .append(checked ? " checked" : "").append(ok ? "" : " disabled").append(">")
                    .append("<label class=\"target\" for=\"").append(boxId).append("\">")
                    .append("<span class=\"avatar avatar-").append(Html.esc(a.platformId()))
                    .append("\" aria-hidden=\"true\">").append(Html.esc(initial)).append("</span>")
                    .append("<span class=\"handle\">@").append(Html.esc(a.handle())).append("</span>")
                    .append("<span class=\"muted target-platform\">").append(Html.esc(platform))
                    .append(ok ? "" : ", needs reconnect").append("</span></label>")
                    .append("<p class=\"problem\" hidden data-problem-for=\"targets[").append(Html.esc(a.id().value()))
                    .append("]\" data-control=\"").append(boxId).append("\"></p></div>");
            n++;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accounts", accountJson);
        data.put("initial", opened.initial());
        data.put("draftId", opened.draftId());
        data.put("edit", opened.editId());
        // Safe inside a script element: no "</" can close it early.
        String dataJson = Json.text(data).replace("</", "<\\/").replace("<!--", "<\\!--");
        String noAccount = accounts.isEmpty()
                ? "<p class=\"problem\" id=\"no-account\">Connect an account first on the <a href=\"/accounts\">Accounts"
                + "</a> page.</p>" : "";
        String notice = opened.notice() == null ? "" : "<p class=\"" + (opened.refused() ? "problem" : "flash")
                + "\" id=\"compose-notice\" role=\"status\">" + Html.esc(opened.notice()) + (opened.refused()
                ? " <a href=\"/publications/group/" + Html.esc(opened.editId()) + "\">Open it</a>." : "") + "</p>";
        String heading = opened.editId() != null ? "Edit scheduled post" : "Compose";
        String action = opened.editId() != null ? "Save changes" : "Publish";
        return """
                <div class="compose-layout">
                <section class="card compose-card">
                <h1>%s</h1>%s%s
                <p class="muted draft-line"><span id="draft-status" role="status"></span> <a href="/drafts" id="drafts-link">Drafts</a></p>
                <script type="application/json" id="compose-data">%s</script>
                <form id="compose" novalidate%s>
                  <fieldset class="targets" id="targets">
                    <legend>Post to</legend>
                    %s
                    <p class="problem" hidden data-problem-for="targets" data-control="target-0"></p>
                  </fieldset>

                  <ol id="items" class="items" aria-label="Posts"></ol>
                  <button type="button" class="secondary" id="add-item">Add a post to the thread</button>
                  <p class="sr-only" id="thread-status" role="status" aria-live="polite"></p>

                  <div id="post-options" class="post-options"></div>

                  <label for="replyTo">Reply to <span class="muted">(optional: a post id or link; for the first post)</span></label>
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
                  <button type="submit" id="publish">%s</button>
                  <div id="sending" class="sending" hidden>
                    <progress id="send-progress" max="100" value="0" aria-labelledby="send-status"></progress>
                    <span id="send-status" class="muted" role="status">Sending…</span>
                  </div>
                </form>
                </section>
                <section class="card previews-card" aria-labelledby="previews-title">
                  <h2 id="previews-title">Preview</h2>
                  <p class="muted" id="previews-empty">Choose an account to see the post as it will look there.</p>
                  <div id="previews" class="previews"></div>
                </section>
                </div>""".formatted(heading, noAccount, notice, dataJson,
                opened.editId() == null ? "" : " data-edit=\"" + Html.esc(opened.editId()) + "\"",
                boxes.toString(), action);
    }

    private String platformName(String platformId) {
        try {
            return core.platforms().platform(platformId).displayName();
        } catch (OutpostException unknown) {
            return platformId;
        }
    }
}
