package dev.outpost.web;

import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where uploaded media lands: streamed to disk under a generated name (never the client's), its type sniffed from
 * the first bytes, its size cap (which depends on that type) enforced while the bytes arrive. Thread-safe.
 */
final class UploadStore {
    private static final Pattern STORED_NAME = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpg|png|webp|gif|mp4|mov|webm)");
    private static final int COPY_BUFFER = 64 * 1024;
    private static final String NAME_SUFFIX = ".name";
    private static final String PARTIAL_SUFFIX = ".part";

    private final Path directory;

    UploadStore(Path directory) {
        this.directory = directory;
        try {
            PrivateFiles.folder(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload directory " + directory, e);
        }
    }

    /** A file received in full. */
    record Stored(Path path, MediaType type, long size) {
    }

    /** A file refused while it arrived; {@code tooLarge} means the request was cut short and must not be read on. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        boolean tooLarge() {
            return tooLarge;
        }
    }

    /**
     * Streams one file to disk.
     *
     * @param shownName how to name the file in messages (the client's name, for the user's eyes only)
     * @param capFor the largest size allowed for a kind
     * @throws Refused when the content is no accepted media type, is empty, or passes its cap
     */
    Stored receive(InputStream body, String shownName, ToLongFunction<MediaKind> capFor) throws Refused, IOException {
        byte[] head = body.readNBytes(MediaType.SNIFF_LENGTH);
        if (head.length == 0) {
            throw new Refused(shownName + " is empty; choose a file with content", false);
        }
        MediaType type = MediaType.sniff(head).orElseThrow(() -> new Refused(shownName + " is not a supported image"
                + " or video (its content is none of JPEG, PNG, WEBP, GIF, MP4, MOV or WebM, whatever its name says)",
                false));
        long cap = capFor.applyAsLong(type.kind());
        String name = UUID.randomUUID() + "." + extension(type);
        Path partial = directory.resolve(name + PARTIAL_SUFFIX);
        long size = head.length;
        boolean complete = false;
        try (OutputStream out = PrivateFiles.create(partial)) {
            out.write(head);
            byte[] buffer = new byte[COPY_BUFFER];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                size += n;
                if (size > cap) {
                    throw new Refused(shownName + " is over the " + human(cap) + " limit for "
                            + article(type.kind()) + "; compress or trim it", true);
                }
                out.write(buffer, 0, n);
            }
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(partial);
            }
        }
        Path path = directory.resolve(name);
        Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE);
        // The user's name for the file, beside it: messages about the file name it as the user knows it.
        PrivateFiles.writeString(directory.resolve(name + NAME_SUFFIX), shownName);
        return new Stored(path, type, size);
    }

    /** The name the user gave a stored file, when it is one of this store's files. */
    Optional<String> clientName(Path stored) {
        if (!holds(stored)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(directory.resolve(stored.getFileName() + NAME_SUFFIX),
                    StandardCharsets.UTF_8).strip()).filter(n -> !n.isEmpty());
        } catch (IOException | RuntimeException missing) {
            return Optional.empty();
        }
    }

    /** A stored file by its generated name; nothing for any other name (no paths, no client names). */
    Optional<Path> find(String name) {
        if (!isStoredName(name)) {
            return Optional.empty();
        }
        Path path = directory.resolve(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    boolean holds(Path path) {
        return path.getParent() != null && path.getParent().equals(directory)
                && STORED_NAME.matcher(path.getFileName().toString()).matches();
    }

    void delete(Path path) {
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(path.resolveSibling(path.getFileName() + NAME_SUFFIX));
        } catch (IOException ignored) {
            // A stray file in the upload directory is harmless; the refusal the user sees matters more.
        }
    }

    /**
     * What lies in the folder by this store's own names: files received in full, and files still arriving (or left
     * half-written by a crash) with their {@code .part} name. Anything else in the folder is not listed.
     */
    List<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(directory)) {
            return all.filter(p -> {
                String name = p.getFileName().toString();
                return STORED_NAME.matcher(name.endsWith(PARTIAL_SUFFIX)
                        ? name.substring(0, name.length() - PARTIAL_SUFFIX.length()) : name).matches();
            }).toList();
        }
    }

    /** Whether a name is one this store could have given a file received in full (for ids read from drafts). */
    static boolean isStoredName(String name) {
        return name != null && STORED_NAME.matcher(name).matches();
    }

    /** What to tell about the file at {@code index} of a post, named by an upload id this store no longer holds. */
    /**
     * A file sent ahead ({@code POST /api/uploads}) and named by its id in a form, as the form's own files are: post
     * {@code item} (-1: the single post), file {@code index}, with the name its sender gave it; nothing when no such
     * file is stored (see {@link #vanished}).
     */
    Optional<DraftReceiver.Upload> sentAhead(String id, int item, int index) {
        return find(id == null ? null : id.strip()).map(path -> new DraftReceiver.Upload(item, index, path,
                clientName(path).orElse("the file")));
    }

    static String vanished(int index) {
        return "file " + (index + 1) + " is no longer stored on the server (uploads nothing used are deleted after a"
                + " day); remove it and attach it again";
    }

    Path directory() {
        return directory;
    }

    static String contentType(String storedName) {
        String ext = storedName.substring(storedName.lastIndexOf('.') + 1);
        switch (ext) {
            case "jpg": return "image/jpeg";
            case "png": return "image/png";
            case "webp": return "image/webp";
            case "gif": return "image/gif";
            case "mp4": return "video/mp4";
            case "mov": return "video/quicktime";
            default: return "video/webm";
        }
    }

    private static String extension(MediaType type) {
        switch (type) {
            case JPEG: return "jpg";
            case PNG: return "png";
            case WEBP: return "webp";
            case GIF: return "gif";
            case MP4: return "mp4";
            case MOV: return "mov";
            default: return "webm";
        }
    }

    private static String article(MediaKind kind) {
        return kind == MediaKind.IMAGE ? "an image" : "a " + kind.name().toLowerCase(Locale.ROOT);
    }

    /** Binary units, as Outpost reads the platforms' caps: "5 MiB", "4.3 MiB", "830 KiB". */
    static String human(long bytes) {
        long mib = 1L << 20;
        if (bytes >= mib && bytes % mib == 0) {
            return bytes / mib + " MiB";
        }
        if (bytes >= mib) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mib);
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
