package dev.outpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.application.OutpostCore;
import dev.outpost.ports.storage.SavedDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the uploads nothing needs any more, so files attached while composing do not fill the disk. An upload is
 * needed while a saved draft names it ({@code items[i].media[j].upload} in the compose page's JSON) or a stored
 * publication, in any state, has it as media (it may still be sent, retried, or shown on its page). Two rules:
 * <ul>
 *   <li>when a draft goes (deleted, or deleted by the compose page once it published it), its uploads that no other
 *       draft and no publication names are deleted at once;</li>
 *   <li>{@link #sweep()} deletes any upload that nothing names once it is older than {@link #GRACE} (a file sent
 *       with {@code POST /api/uploads} and never used, one removed from a draft, one whose draft never got saved),
 *       and any half-received file as old. The grace covers the moment between an upload and the draft or
 *       publication that names it.</li>
 * </ul>
 * The uploads folder is shared by every instance over one database, and so are drafts and publications: any
 * instance may sweep. Thread-safe.
 */
final class UnusedUploads {
    /** How old an upload nothing names must be before the sweep deletes it. */
    static final Duration GRACE = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(UnusedUploads.class);
    private static final int ALL_DRAFTS = Integer.MAX_VALUE;

    private final UploadStore uploads;
    private final OutpostCore core;
    private final Clock clock;

    UnusedUploads(UploadStore uploads, OutpostCore core, Clock clock) {
        this.uploads = uploads;
        this.core = core;
        this.clock = clock;
    }

    /**
     * The uploads a draft's content names, by stored name: {@code items[].media[].upload} of the compose page's JSON.
     * Anything that is not one of the upload store's own names is ignored, so a draft cannot point outside it.
     */
    static Set<String> namedBy(String draftContent) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(draftContent);
        } catch (IOException | RuntimeException notJson) {
            return names;
        }
        if (root == null) {
            return names;
        }
        for (JsonNode item : root.path("items")) {
            for (JsonNode media : item.path("media")) {
                String upload = media.path("upload").asText(null);
                if (UploadStore.isStoredName(upload)) {
                    names.add(upload);
                }
            }
        }
        return names;
    }

    /**
     * After a draft was deleted (by the user, or once published): deletes its uploads that no remaining draft and no
     * publication names.
     *
     * @return the stored names deleted
     */
    Set<String> draftGone(SavedDraft gone) {
        Set<String> candidates = namedBy(gone.content());
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> needed = needed();
        Set<String> deleted = new LinkedHashSet<>();
        for (String name : candidates) {
            if (!needed.contains(name)) {
                uploads.find(name).ifPresent(path -> {
                    uploads.delete(path);
                    deleted.add(name);
                });
            }
        }
        return deleted;
    }

    /**
     * Deletes every upload older than {@link #GRACE} that no draft and no publication names, and half-received files
     * as old.
     *
     * @return the file names deleted
     */
    Set<String> sweep() {
        Instant before = clock.instant().minus(GRACE);
        Set<String> deleted = new LinkedHashSet<>();
        try {
            Set<String> needed = null;
            for (Path file : uploads.files()) {
                if (!olderThan(file, before)) {
                    continue;
                }
                // Read what is needed only when something is old enough to go, and after listing the files: a file
                // named by a draft saved meanwhile is then among the names read.
                if (needed == null) {
                    needed = needed();
                }
                String name = file.getFileName().toString();
                if (!needed.contains(name)) {
                    uploads.delete(file);
                    deleted.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the uploads in " + uploads.directory(), e);
        }
        if (!deleted.isEmpty()) {
            LOG.info("Deleted {} unused upload(s) older than {}", deleted.size(), GRACE);
        }
        return deleted;
    }

    /** The stored names some draft or publication names. */
    private Set<String> needed() {
        Set<String> needed = new HashSet<>();
        core.drafts().list(ALL_DRAFTS).forEach(d -> needed.addAll(namedBy(d.content())));
        needed.addAll(core.publications().mediaFileNames());
        return needed;
    }

    private static boolean olderThan(Path file, Instant before) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (NoSuchFileException goneMeanwhile) {
            return false;
        }
    }
}
