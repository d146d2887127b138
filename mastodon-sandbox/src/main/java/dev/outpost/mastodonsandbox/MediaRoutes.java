package dev.outpost.mastodonsandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Media v2: {@code POST /api/v2/media} reads the multipart body as a stream (the file is hashed and counted, never
 * held), answers 200 for an image (processed at once) and 202 for a video or GIF (processing); {@code GET
 * /api/v1/media/:id} answers 206 while processing, then 200 (or 422 when processing failed); {@code PUT} changes the
 * description and focus before the media is attached.
 */
final class MediaRoutes {
    private static final Pattern FOCUS = Pattern.compile("(-?\\d+(?:\\.\\d+)?),(-?\\d+(?:\\.\\d+)?)");

    private final SandboxRuntime runtime;
    private final Entities entities;

    MediaRoutes(SandboxRuntime runtime, Entities entities) {
        this.runtime = runtime;
        this.entities = entities;
    }

    void create(Call call) throws IOException {
        call.requireScope("write:media");
        String owner = call.requireUser();
        InstanceLimits limits = runtime.limits;
        String boundary = MultipartReader.boundaryOf(call.requestContentType()).orElseThrow(() ->
                ApiError.validation("File can't be blank"));
        MultipartReader reader = new MultipartReader(call.body(), boundary);
        Received file = null;
        String description = null;
        String focus = null;
        for (var part = reader.next(); part.isPresent(); part = reader.next()) {
            String name = part.get().name();
            call.partNames.add(name);
            switch (name == null ? "" : name) {
                case "file" -> {
                    file = receive(part.get().body(), Math.max(limits.imageSizeLimit(), limits.videoSizeLimit()));
                    if (file.tooLarge()) {
                        // What the front end answers for a body over the largest cap (nginx's client_max_body_size).
                        throw ApiError.of(413, "Request Entity Too Large");
                    }
                }
                case "description" -> {
                    description = text(part.get().body());
                    call.multipartFields.put(name, description);
                }
                case "focus" -> {
                    focus = text(part.get().body());
                    call.multipartFields.put(name, focus);
                }
                default -> {
                    String value = text(part.get().body());
                    call.multipartFields.put(String.valueOf(name), value.length() > 200 ? "(long)" : value);
                }
            }
        }
        if (file == null) {
            throw ApiError.validation("File can't be blank");
        }
        String mime = file.mimeType();
        if (mime == null || !limits.supportedMimeTypes().contains(mime)) {
            throw ApiError.validation("File content type is invalid, File is invalid");
        }
        String type = mime.equals("image/gif") ? "gifv" : mime.startsWith("image/") ? "image" : "video";
        // A GIF is an image upload (its cap is the image one) that Mastodon turns into a gifv.
        long cap = mime.startsWith("image/") ? limits.imageSizeLimit() : limits.videoSizeLimit();
        if (file.size() > cap) {
            throw ApiError.validation("File file size must be less than " + human(cap));
        }
        checkDescription(description, limits);
        focus = checkFocus(focus);
        boolean processedLater = !type.equals("image");
        ServerState.Media media = new ServerState.Media(runtime.state.newId(), owner, type, mime, file.size(),
                file.sha256(), runtime.state.now(), description, focus,
                processedLater ? runtime.faults.processingPolls() : 0,
                processedLater && runtime.faults.takeProcessingFailure());
        synchronized (runtime.state) {
            runtime.state.media.put(media.id, media);
        }
        call.json(processedLater ? 202 : 200, entities.media(media));
    }

    void get(Call call) {
        call.requireScope("write:media");
        ServerState.Media media = own(call);
        Map<String, Object> json;
        int status;
        synchronized (runtime.state) {
            media.polls++;
            boolean processing = media.polls <= media.pollsUntilReady;
            if (!processing) {
                media.pollsUntilReady = 0;
            }
            if (!processing && media.failed) {
                throw ApiError.of(422, "Error processing thumbnail for uploaded media");
            }
            status = processing ? 206 : 200;
            json = entities.media(media);
        }
        call.json(status, json);
    }

    void update(Call call) {
        call.requireScope("write:media");
        ServerState.Media media = own(call);
        if (media.statusId != null) {
            throw ApiError.notFound();
        }
        Map<String, List<String>> params = call.params();
        String description = Call.first(params, "description");
        String focus = checkFocus(Call.first(params, "focus"));
        checkDescription(description, runtime.limits);
        synchronized (runtime.state) {
            if (params.containsKey("description")) {
                media.description = description;
            }
            if (focus != null) {
                media.focus = focus;
            }
        }
        call.json(200, entities.media(media));
    }

    private ServerState.Media own(Call call) {
        String owner = call.requireUser();
        ServerState.Media media;
        synchronized (runtime.state) {
            media = runtime.state.media.get(call.ctx.pathParam("id"));
        }
        if (media == null || !media.ownerId.equals(owner)) {
            throw ApiError.notFound();
        }
        return media;
    }

    private static void checkDescription(String description, InstanceLimits limits) {
        if (description != null && description.codePointCount(0, description.length()) > limits.descriptionLimit()) {
            throw ApiError.validation("Description is too long (maximum is " + limits.descriptionLimit()
                    + " characters)");
        }
    }

    private static String checkFocus(String focus) {
        if (focus == null || focus.isBlank()) {
            return null;
        }
        var m = FOCUS.matcher(focus.strip());
        if (!m.matches() || Math.abs(Double.parseDouble(m.group(1))) > 1 || Math.abs(Double.parseDouble(m.group(2))) > 1) {
            throw ApiError.validation("Focus is invalid");
        }
        return focus.strip();
    }

    private record Received(long size, String sha256, String mimeType, boolean tooLarge) {
    }

    /** Hashes and counts the file part as it arrives, in a fixed buffer; stops reading past {@code max} bytes. */
    private static Received receive(InputStream in, long max) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[64 * 1024];
        byte[] head = new byte[64];
        int headLength = 0;
        long size = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (headLength < head.length) {
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
            }
            sha.update(buffer, 0, n);
            size += n;
            if (size > max) {
                return new Received(size, null, null, true);
            }
        }
        byte[] sniffed = java.util.Arrays.copyOf(head, headLength);
        return new Received(size, HexFormat.of().formatHex(sha.digest()), sniff(sniffed).orElse(null), false);
    }

    /** The type the bytes show, as the server finds it (never the name or declared type of the part). */
    static Optional<String> sniff(byte[] head) {
        if (starts(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("image/jpeg");
        }
        if (starts(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return Optional.of("image/png");
        }
        if (starts(head, 0, ascii("GIF8"))) {
            return Optional.of("image/gif");
        }
        if (starts(head, 0, ascii("RIFF")) && starts(head, 8, ascii("WEBP"))) {
            return Optional.of("image/webp");
        }
        if (starts(head, 4, ascii("ftyp")) && head.length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            return Optional.of(brand.equals("qt  ") ? "video/quicktime" : "video/mp4");
        }
        if (starts(head, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})) {
            return Optional.of("video/webm");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(InputStream in) throws IOException {
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    private static String human(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " Bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
