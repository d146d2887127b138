package dev.outpost.web;

import dev.outpost.application.PlatformCatalog;
import dev.outpost.application.Problem;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.post.PlatformRules;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a compose request as it streams in. {@code multipart/form-data}: plain fields into memory (small caps), the
 * platform's options as {@code options.<key>}, each file to disk through {@link UploadStore}. A file over its cap
 * (the chosen account's, when the account field came first) stops the request at once; a file that is no accepted
 * media type becomes a problem for its field and the rest is still read, so the user sees every problem. A post
 * without media may also come as JSON: {@code {"account", "text", "replyTo", "scheduledAt", "timeZone", "options":
 * {…}}}. A compose of several accounts or posts (the compose page's form, read by {@link GroupCompose}) names its
 * files {@code items[i].media[j]}.
 */
final class DraftReceiver {
    static final int MAX_FILES = 10;
    /** A thread may carry media on each of its posts. */
    static final int MAX_GROUP_FILES = 40;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final Pattern MEDIA_FILE = Pattern.compile("media(?:\\[(\\d)])?");
    private static final Pattern ITEM_MEDIA_FILE = Pattern.compile("items\\[(\\d{1,2})]\\.media\\[(\\d)]");
    private static final Pattern MEDIA_ALT = Pattern.compile("media\\[(\\d)]\\.alt");
    private static final Pattern MEDIA_FOCUS = Pattern.compile("media\\[(\\d)]\\.focus");
    private static final String OPTION_PREFIX = "options.";
    private static final int MAX_JSON_BYTES = 256 * 1024;

    private final UploadStore uploads;
    private final PlatformCatalog platforms;

    DraftReceiver(UploadStore uploads, PlatformCatalog platforms) {
        this.uploads = uploads;
        this.platforms = platforms;
    }

    /**
     * One file as received: the post of a thread it belongs to (-1 for a single post's {@code media[i]}), its
     * place there, where it landed (null when refused), and the client's name for messages.
     */
    record Upload(int item, int index, Path path, String clientName) {
        Upload(int index, Path path, String clientName) {
            this(-1, index, path, clientName);
        }
    }

    /** What the request carried. Files are on disk until {@link #discard()}ed or published. */
    final class Received {
        final Map<String, String> fields = new HashMap<>();
        final Map<Integer, String> altTexts = new HashMap<>();
        /** Focal points as typed, {@code "x,y"}: the core checks them. */
        final Map<Integer, String> focuses = new HashMap<>();
        final Map<String, String> options = new HashMap<>();
        final List<Upload> files = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        String field(String name) {
            String value = fields.get(name);
            return value == null ? "" : value;
        }

        void discard() {
            files.stream().filter(f -> f.path() != null).forEach(f -> uploads.delete(f.path()));
        }
    }

    Received receive(Context ctx) throws IOException {
        String contentType = ctx.contentType();
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return receiveJson(ctx);
        }
        String boundary = MultipartStream.boundaryOf(contentType);
        if (boundary == null) {
            throw new WebError(415, "send the post as multipart/form-data (or, without media, as application/json)");
        }
        Received received = new Received();
        try (InputStream body = ctx.req().getInputStream()) {
            MultipartStream stream = new MultipartStream(body, boundary);
            Optional<MultipartStream.Part> next;
            while ((next = stream.next()).isPresent()) {
                MultipartStream.Part part = next.get();
                if (part.isFile()) {
                    receiveFile(part, received);
                } else {
                    Matcher alt = MEDIA_ALT.matcher(part.name());
                    Matcher focus = MEDIA_FOCUS.matcher(part.name());
                    String value = MultipartStream.text(part, MAX_FIELD_BYTES);
                    if (alt.matches()) {
                        received.altTexts.put(Integer.parseInt(alt.group(1)), value);
                    } else if (focus.matches()) {
                        received.focuses.put(Integer.parseInt(focus.group(1)), value);
                    } else if (part.name().startsWith(OPTION_PREFIX)) {
                        received.options.put(part.name().substring(OPTION_PREFIX.length()), value);
                    } else {
                        received.fields.put(part.name(), value);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            received.discard();
            if (e instanceof MultipartStream.MalformedMultipart) {
                throw new WebError(400, "the request is not well-formed multipart: " + e.getMessage());
            }
            throw e;
        }
        return received;
    }

    /** A post without media, as JSON. */
    private Received receiveJson(Context ctx) throws IOException {
        // The body as Javalin keeps it: a group's route may have looked at it first (GroupRoutes).
        if (ctx.contentLength() > MAX_JSON_BYTES) {
            throw new WebError(413, "the post is over " + MAX_JSON_BYTES / 1024 + " KiB of JSON");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_JSON_BYTES) {
            throw new WebError(413, "the post is over " + MAX_JSON_BYTES / 1024 + " KiB of JSON");
        }
        Map<String, Object> json = Json.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        Received received = new Received();
        for (String name : List.of("account", "text", "replyTo", "scheduledAt", "timeZone")) {
            Object value = json.get(name);
            if (value != null) {
                received.fields.put(name, value.toString());
            }
        }
        Object options = json.get("options");
        if (options instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key != null && value != null) {
                    received.options.put(key.toString(), value.toString());
                }
            });
        } else if (options != null) {
            received.problems.add(new Problem("options", "options are an object of the platform's option keys and"
                    + " their values"));
        }
        if (json.containsKey("media")) {
            received.problems.add(new Problem("media", "attach media with a multipart/form-data request"));
        }
        return received;
    }

    private void receiveFile(MultipartStream.Part part, Received received) throws IOException {
        Matcher name = MEDIA_FILE.matcher(part.name());
        Matcher itemName = ITEM_MEDIA_FILE.matcher(part.name());
        boolean ofItem = itemName.matches();
        if (!name.matches() && !ofItem) {
            throw new WebError(400, "unexpected file field '" + part.name() + "'; attach files as media[0] to media[3]"
                    + " (or, for the posts of a thread, items[0].media[0] and on)");
        }
        if (part.fileName().isEmpty()) {
            return; // an empty file input
        }
        int item = ofItem ? Integer.parseInt(itemName.group(1)) : -1;
        int index = ofItem ? Integer.parseInt(itemName.group(2))
                : name.group(1) != null ? Integer.parseInt(name.group(1)) : received.files.size();
        int max = ofItem ? MAX_GROUP_FILES : MAX_FILES;
        if (received.files.size() >= max) {
            throw new WebError(413, "more than " + max + " files in one " + (ofItem ? "compose" : "post"));
        }
        String shown = clientName(part.fileName());
        try {
            UploadStore.Stored stored = uploads.receive(part.body(), shown, kind -> capFor(kind, received));
            received.files.add(new Upload(item, index, stored.path(), shown));
        } catch (UploadStore.Refused refused) {
            String field = (ofItem ? "items[" + item + "]." : "") + "media[" + index + "]";
            if (refused.tooLarge()) {
                // Stop here: the rest of this file is never read.
                throw new WebError(413, refused.getMessage(), List.of(new Problem(field, refused.getMessage())));
            }
            received.files.add(new Upload(item, index, null, shown));
            received.problems.add(new Problem(field, refused.getMessage()));
        }
    }

    /**
     * The cap of the chosen account's rules when the account came first, else the largest any platform takes (the
     * core checks the file against the account's rules afterwards, and names a kind the platform does not take).
     */
    private long capFor(MediaKind kind, Received received) {
        String account = received.field("account").strip();
        if (account.contains(":")) {
            try {
                PlatformRules rules = platforms.rules(new AccountId(account));
                if (rules.maxBytes(kind) > 0) {
                    return rules.maxBytes(kind);
                }
                // A kind the account's platform does not take: the core says so in its own words.
            } catch (RuntimeException unknownAccount) {
                // the draft check names the unknown account; the cap falls back to the largest
            }
        }
        return platforms.platforms().stream().mapToLong(p -> platforms.defaults(p.id()).maxBytes(kind)).max()
                .orElse(0);
    }

    /** The client's file name, for messages only: no directories, no control characters, not too long. */
    static String clientName(String raw) {
        String name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > 80) {
            name = name.substring(0, 77) + "...";
        }
        return name.isEmpty() ? "the file" : name;
    }
}
