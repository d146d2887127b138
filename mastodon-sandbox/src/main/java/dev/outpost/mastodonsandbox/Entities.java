package dev.outpost.mastodonsandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's entities as JSON: Account and CredentialAccount, MediaAttachment, Status (with its text rendered to
 * HTML as Mastodon renders it: paragraphs, line breaks, links shortened with invisible spans, mentions as h-cards),
 * Application and Instance.
 */
final class Entities {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]'”’]");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w/])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.-]+[A-Za-z0-9]))?");
    private static final Pattern TOKEN = Pattern.compile(LINK.pattern() + "|" + MENTION.pattern());

    private final SandboxRuntime runtime;

    Entities(SandboxRuntime runtime) {
        this.runtime = runtime;
    }

    String base() {
        return runtime.baseUrl;
    }

    Map<String, Object> account(SandboxUser user) {
        List<SandboxStatus> own = runtime.state.statusList().stream().filter(s -> s.accountId().equals(user.id()))
                .toList();
        Instant last = own.isEmpty() ? null : own.get(own.size() - 1).createdAt();
        return Json.object(
                "id", user.id(),
                "username", user.username(),
                "acct", user.username(),
                "display_name", user.displayName(),
                "locked", false,
                "bot", false,
                "discoverable", true,
                "indexable", false,
                "group", false,
                "created_at", "2023-01-01T00:00:00.000Z",
                "note", "<p>An account of the Mastodon sandbox.</p>",
                "url", base() + "/@" + user.username(),
                "uri", base() + "/users/" + user.username(),
                "avatar", base() + "/avatars/original/missing.png",
                "avatar_static", base() + "/avatars/original/missing.png",
                "header", base() + "/headers/original/missing.png",
                "header_static", base() + "/headers/original/missing.png",
                "followers_count", 0,
                "following_count", 0,
                "statuses_count", own.size(),
                "last_status_at", last == null ? null : last.atZone(ZoneOffset.UTC).toLocalDate().toString(),
                "hide_collections", null,
                "noindex", false,
                "emojis", List.of(),
                "roles", List.of(),
                "fields", List.of());
    }

    Map<String, Object> credentialAccount(SandboxUser user) {
        Map<String, Object> account = account(user);
        account.put("source", Json.object("privacy", "public", "sensitive", false, "language", null,
                "note", "An account of the Mastodon sandbox.", "fields", List.of(), "follow_requests_count", 0,
                "hide_collections", null, "discoverable", true, "indexable", false));
        account.put("role", Json.object("id", "-99", "name", "", "permissions", "0", "color", "",
                "highlighted", false));
        return account;
    }

    Map<String, Object> media(ServerState.Media m) {
        boolean ready = m.ready();
        String file = base() + "/system/media_attachments/files/" + m.id + "/original/" + m.id + extension(m);
        Map<String, Object> focus = null;
        if (m.focus != null) {
            String[] xy = m.focus.split(",");
            focus = Json.object("x", Double.parseDouble(xy[0]), "y", Double.parseDouble(xy[1]));
        }
        return Json.object(
                "id", m.id,
                "type", m.type,
                "url", ready ? file : null,
                "preview_url", base() + "/system/media_attachments/files/" + m.id + "/small/" + m.id + ".png",
                "remote_url", null,
                "meta", focus == null ? Json.object() : Json.object("focus", focus),
                "description", m.description,
                "blurhash", "UFBWY:8_0Jxv4nWBxuM{%MbHWBt7~qj[WBof");
    }

    Map<String, Object> status(SandboxStatus s) {
        SandboxUser user = runtime.state.users.get(s.accountId());
        SandboxStatus parent = s.inReplyToId() == null ? null : runtime.state.statuses.get(s.inReplyToId());
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (String id : s.mediaIds()) {
            ServerState.Media m = runtime.state.media.get(id);
            if (m != null) {
                attachments.add(media(m));
            }
        }
        List<Map<String, Object>> mentions = new ArrayList<>();
        Matcher mention = MENTION.matcher(s.text());
        while (mention.find()) {
            String acct = mention.group(2) == null ? mention.group(1) : mention.group(1) + "@" + mention.group(2);
            mentions.add(Json.object("id", Long.toString(Math.abs((long) acct.hashCode()) + 1),
                    "username", mention.group(1), "url", profile(mention.group(1), mention.group(2)), "acct", acct));
        }
        return Json.object(
                "id", s.id(),
                "created_at", s.createdAt().truncatedTo(ChronoUnit.MILLIS).toString(),
                "in_reply_to_id", s.inReplyToId(),
                "in_reply_to_account_id", parent == null ? null : parent.accountId(),
                "sensitive", s.sensitive(),
                "spoiler_text", s.spoilerText(),
                "visibility", s.visibility(),
                "language", s.language(),
                "uri", base() + "/users/" + user.username() + "/statuses/" + s.id(),
                "url", statusUrl(user, s.id()),
                "replies_count", (int) runtime.state.statuses.values().stream()
                        .filter(o -> s.id().equals(o.inReplyToId())).count(),
                "reblogs_count", 0,
                "favourites_count", 0,
                "quotes_count", 0,
                "edited_at", null,
                "favourited", false,
                "reblogged", false,
                "muted", false,
                "bookmarked", false,
                "pinned", false,
                "content", html(s.text()),
                "filtered", List.of(),
                "reblog", null,
                "application", s.applicationName() == null ? null : Json.object("name", s.applicationName(),
                        "website", null),
                "account", account(user),
                "media_attachments", attachments,
                "mentions", mentions,
                "tags", List.of(),
                "emojis", List.of(),
                "card", null,
                "poll", null);
    }

    String statusUrl(SandboxUser user, String id) {
        return base() + "/@" + user.username() + "/" + id;
    }

    Map<String, Object> application(SandboxApp app, boolean withCredentials) {
        Map<String, Object> json = Json.object(
                "id", app.id(),
                "name", app.name(),
                "website", app.website(),
                "scopes", app.scopes(),
                "redirect_uri", String.join("\n", app.redirectUris()),
                "redirect_uris", app.redirectUris(),
                "vapid_key", "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=");
        if (withCredentials) {
            json.put("client_id", app.clientId());
            json.put("client_secret", app.clientSecret());
            json.put("client_secret_expires_at", 0);
        }
        return json;
    }

    Map<String, Object> instance() {
        InstanceLimits limits = runtime.limits;
        return Json.object(
                "domain", runtime.domain(),
                "title", "Mastodon sandbox",
                "version", "4.5.0",
                "source_url", "https://github.com/mastodon/mastodon",
                "description", "An emulated Mastodon server for tests.",
                "usage", Json.object("users", Json.object("active_month", runtime.state.users.size())),
                "thumbnail", Json.object("url", base() + "/packs/media/images/preview.png", "blurhash", null,
                        "versions", Json.object()),
                "icon", List.of(Json.object("src", base() + "/packs/media/icons/android-chrome-36x36.png",
                        "size", "36x36")),
                "languages", List.of("en"),
                "configuration", Json.object(
                        "urls", Json.object("streaming", base().replaceFirst("^http", "ws"), "status", null),
                        "accounts", Json.object("max_featured_tags", 10, "max_pinned_statuses", 5),
                        "statuses", Json.object("max_characters", limits.maxCharacters(),
                                "max_media_attachments", limits.maxMediaAttachments(),
                                "characters_reserved_per_url", limits.charactersReservedPerUrl()),
                        "media_attachments", Json.object("supported_mime_types", limits.supportedMimeTypes(),
                                "description_limit", limits.descriptionLimit(),
                                "image_size_limit", limits.imageSizeLimit(),
                                "image_matrix_limit", 33_177_600,
                                "video_size_limit", limits.videoSizeLimit(),
                                "video_frame_rate_limit", 120,
                                "video_matrix_limit", 8_294_400),
                        "polls", Json.object("max_options", 4, "max_characters_per_option", 50,
                                "min_expiration", 300, "max_expiration", 2_629_746),
                        "translation", Json.object("enabled", false)),
                "registrations", Json.object("enabled", false, "approval_required", false, "message", null,
                        "url", null),
                "api_versions", Json.object("mastodon", 7),
                "contact", Json.object("email", "admin@sandbox.invalid", "account", null),
                "rules", List.of());
    }

    Map<String, Object> discovery() {
        return Json.object(
                "issuer", base() + "/",
                "service_documentation", "https://docs.joinmastodon.org/",
                "authorization_endpoint", base() + "/oauth/authorize",
                "token_endpoint", base() + "/oauth/token",
                "app_registration_endpoint", base() + "/api/v1/apps",
                "revocation_endpoint", base() + "/oauth/revoke",
                "userinfo_endpoint", base() + "/oauth/userinfo",
                "scopes_supported", OAuthRoutes.SCOPES,
                "response_types_supported", List.of("code"),
                "response_modes_supported", List.of("query", "fragment", "form_post"),
                "code_challenge_methods_supported", List.of("S256"),
                "grant_types_supported", List.of("authorization_code", "client_credentials"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
    }

    /** The text as Mastodon renders a local status: escaped, linked, in paragraphs with line breaks. */
    String html(String text) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            out.append("<p>");
            Matcher m = TOKEN.matcher(paragraph);
            int at = 0;
            while (m.find()) {
                out.append(escapeLines(paragraph.substring(at, m.start())));
                String found = m.group();
                if (found.startsWith("@")) {
                    Matcher mention = MENTION.matcher(found);
                    mention.matches();
                    out.append("<span class=\"h-card\" translate=\"no\"><a href=\"")
                            .append(escape(profile(mention.group(1), mention.group(2))))
                            .append("\" class=\"u-url mention\">@<span>").append(escape(mention.group(1)))
                            .append("</span></a></span>");
                } else {
                    out.append(link(found));
                }
                at = m.end();
            }
            out.append(escapeLines(paragraph.substring(at))).append("</p>");
        }
        return out.toString();
    }

    private String profile(String username, String domain) {
        return domain == null ? base() + "/@" + username : "https://" + domain + "/@" + username;
    }

    /** A link as Mastodon shows it: the scheme hidden, the rest cut after 30 characters (still in the text). */
    private static String link(String url) {
        int schemeEnd = url.indexOf("://") + 3;
        String scheme = url.substring(0, schemeEnd);
        String rest = url.substring(schemeEnd);
        String shown = rest.length() > 30 ? rest.substring(0, 30) : rest;
        String hidden = rest.length() > 30 ? rest.substring(30) : "";
        return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\">"
                + "<span class=\"invisible\">" + escape(scheme) + "</span><span class=\""
                + (hidden.isEmpty() ? "" : "ellipsis") + "\">" + escape(shown) + "</span><span class=\"invisible\">"
                + escape(hidden) + "</span></a>";
    }

    private static String escapeLines(String text) {
        return escape(text).replace("\r\n", "\n").replace("\n", "<br />");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String extension(ServerState.Media m) {
        return switch (m.mimeType) {
            case "image/jpeg" -> ".jpeg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> m.type.equals("image") ? ".bin" : ".mp4";
        };
    }
}
