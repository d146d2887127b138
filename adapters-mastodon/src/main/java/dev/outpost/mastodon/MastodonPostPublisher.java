package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts statuses through {@code POST /api/v1/statuses} with the publication's idempotency key in the
 * {@code Idempotency-Key} header: the server answers a repeat within the key's hour with the status it made the first
 * time, so an unclear attempt is simply sent again ({@link #deduplicates()}). A reply names its parent's status id
 * (an id, a link on the account's own server, or a reference this publisher returned). The options are the
 * visibility, the content warning ({@code spoiler_text}), sensitive media and the language. The post's link is the
 * status's {@code url}.
 *
 * <p>Settling reads the account's recent statuses (with the token when it may read them, else as anyone) and matches
 * text, media, parent and content warning. A private or direct status cannot be seen without {@code read:statuses}:
 * while the key's hour lasts, "absent" is still safe (sending again with the key cannot double); after it, the
 * answer is unknown. Thread-safe.
 */
final class MastodonPostPublisher implements PostPublisher {
    /** How long a server remembers an idempotency key (FACTS §4). */
    static final Duration KEY_MEMORY = Duration.ofHours(1);
    private static final int PAGES = 3;
    private static final Pattern STATUS_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern STATUS_PATH = Pattern.compile(
            "/(?:@[^/]+|users/[^/]+/statuses|web/statuses|web/@[^/]+|statuses|notice)/(\\d{1,20})/?");

    private final MastodonFeign feign;
    private final MastodonRulebook rulebook;
    private final Clock clock;

    MastodonPostPublisher(MastodonFeign feign, MastodonRulebook rulebook, Clock clock) {
        this.feign = feign;
        this.rulebook = rulebook;
        this.clock = clock;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        URI server = MastodonMediaTransport.server(access);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", request.text());
        if (!request.media().isEmpty()) {
            body.put("media_ids", request.mediaRefs());
        }
        if (request.replyTo() != null) {
            body.put("in_reply_to_id", statusId(request.replyTo(), server));
        }
        Map<String, String> options = request.options();
        if (options.containsKey(MastodonRulebook.VISIBILITY)) {
            body.put("visibility", options.get(MastodonRulebook.VISIBILITY));
        }
        String warning = options.get(MastodonRulebook.CONTENT_WARNING);
        if (warning != null && !warning.isBlank()) {
            body.put("spoiler_text", warning);
        }
        if (options.containsKey(MastodonRulebook.SENSITIVE)) {
            body.put("sensitive", Boolean.parseBoolean(options.get(MastodonRulebook.SENSITIVE)));
        }
        if (options.containsKey(MastodonRulebook.LANGUAGE)) {
            body.put("language", options.get(MastodonRulebook.LANGUAGE));
        }
        JsonNode status;
        try {
            status = MastodonErrorDecoder.call(() -> feign.api().createStatus(server,
                    MastodonMediaTransport.bearer(access), request.idempotencyKey(), body));
        } catch (PlatformException.InvalidRequest refused) {
            if (refused.getMessage().toLowerCase(Locale.ROOT).contains("limit")) {
                // The server's limits may have changed since they were read: read them again next time.
                rulebook.forget(server);
            }
            throw refused;
        }
        String id = MastodonJson.text(status, "id");
        if (id == null || id.isBlank()) {
            // The server said yes but not to what: repeating with the key gives the status, if there is one.
            throw new PlatformException.Ambiguous(ServerAddress.name(server) + " accepted the status but its answer "
                    + "names no id", null);
        }
        return remote(status);
    }

    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant sinceExactly) {
        // Servers keep milliseconds: a status made in the same millisecond as since counts as after it.
        Instant since = sinceExactly.truncatedTo(ChronoUnit.MILLIS);
        URI server = MastodonMediaTransport.server(access);
        String accountId = access.account().platformUserId();
        boolean anonymous = false;
        List<JsonNode> recent;
        try {
            try {
                recent = recent(server, MastodonMediaTransport.bearer(access), accountId, since);
            } catch (PlatformException.Forbidden noReadStatuses) {
                // Without read:statuses the server refuses the token here; anyone may read public statuses.
                MastodonErrorDecoder.call(() -> feign.api().verifyCredentials(server,
                        MastodonMediaTransport.bearer(access)));
                anonymous = true;
                recent = recent(server, null, accountId, since);
            }
        } catch (PlatformException.Forbidden | PlatformException.InvalidRequest cannotRead) {
            return new Settlement.Unknown(ServerAddress.name(server) + " does not let Outpost read the account's "
                    + "statuses (" + cannotRead.getMessage() + ")");
        }
        String parent = request.replyTo() == null ? null : parentOrNull(request.replyTo(), server);
        String warning = request.options().getOrDefault(MastodonRulebook.CONTENT_WARNING, "");
        JsonNode match = null;
        for (JsonNode status : recent) {
            Instant created = instant(MastodonJson.text(status, "created_at"));
            if (created != null && created.isBefore(since)) {
                continue;
            }
            if (StatusText.matches(request.text(), MastodonJson.text(status, "content"))
                    && mediaIds(status).equals(request.mediaRefs())
                    && (parent == null || parent.equals(MastodonJson.text(status, "in_reply_to_id")))
                    && warning.strip().equals(status.path("spoiler_text").asText("").strip())) {
                match = status; // newest first: the last match is the oldest, the first attempt's
            }
        }
        if (match != null) {
            return new Settlement.Found(remote(match));
        }
        String visibility = request.options().get(MastodonRulebook.VISIBILITY);
        boolean couldBeHidden = anonymous && !Set.of("public", "unlisted").contains(String.valueOf(visibility));
        if (!couldBeHidden || clock.instant().isBefore(since.plus(KEY_MEMORY))) {
            return new Settlement.Absent(null);
        }
        return new Settlement.Unknown("Outpost cannot see the account's non-public statuses on "
                + ServerAddress.name(server) + " (no read:statuses) and the idempotency key has expired: look at the "
                + "profile before publishing it again");
    }

    @Override
    public boolean deduplicates() {
        return true;
    }

    /** The account's statuses created at or after {@code since}, newest first, a few pages at most. */
    private List<JsonNode> recent(URI server, String authorization, String accountId, Instant since) {
        List<JsonNode> out = new ArrayList<>();
        String maxId = null;
        for (int page = 0; page < PAGES; page++) {
            String before = maxId;
            JsonNode statuses = MastodonErrorDecoder.call(() -> feign.api().accountStatuses(server, authorization,
                    accountId, before));
            if (!statuses.isArray() || statuses.isEmpty()) {
                break;
            }
            statuses.forEach(out::add);
            JsonNode oldest = statuses.get(statuses.size() - 1);
            Instant created = instant(MastodonJson.text(oldest, "created_at"));
            maxId = MastodonJson.text(oldest, "id");
            if (created == null || created.isBefore(since) || maxId == null) {
                break;
            }
        }
        return out;
    }

    /** The status id {@code replyTo} names: an id, or a link to a status on the account's own server. */
    static String statusId(String replyTo, URI server) {
        String given = replyTo.strip();
        if (STATUS_ID.matcher(given).matches()) {
            return given;
        }
        try {
            URI link = URI.create(given);
            Matcher path = STATUS_PATH.matcher(link.getRawPath() == null ? "" : link.getRawPath());
            if (link.getScheme() != null && link.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                    && path.matches()) {
                if (!server.getHost().equalsIgnoreCase(link.getHost())) {
                    throw new PlatformException.InvalidRequest("invalid_reply", "'" + given + "' is a post on "
                            + link.getHost() + ", not on " + ServerAddress.name(server) + ": open it on your server "
                            + "(search for its link there) and reply to that link");
                }
                return path.group(1);
            }
        } catch (IllegalArgumentException notALink) {
            // answered below
        }
        throw new PlatformException.InvalidRequest("invalid_reply", "'" + given + "' is not a Mastodon post to "
                + "reply to: give the status's id or its link, such as https://" + ServerAddress.name(server)
                + "/@user/123");
    }

    private static String parentOrNull(String replyTo, URI server) {
        try {
            return statusId(replyTo, server);
        } catch (PlatformException.InvalidRequest e) {
            return null;
        }
    }

    private static RemotePost remote(JsonNode status) {
        String id = MastodonJson.text(status, "id");
        String url = MastodonJson.text(status, "url");
        if (url == null) {
            url = MastodonJson.text(status, "uri");
        }
        URI link;
        try {
            link = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            link = null;
        }
        return new RemotePost(id, link, id);
    }

    private static List<String> mediaIds(JsonNode status) {
        List<String> ids = new ArrayList<>();
        status.path("media_attachments").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
