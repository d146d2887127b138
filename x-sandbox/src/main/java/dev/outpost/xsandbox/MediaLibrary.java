package dev.outpost.xsandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The media ids and their bytes. Bytes are streamed to spool files while being counted and
 * hashed, never held in memory; after FINALIZE the whole file is hashed from the spool and the spool
 * deleted, so only sizes and hashes stay behind. For media X processes (videos, GIFs) that pass runs
 * in the background during processing, as X's would, so FINALIZE answers at once; images are done
 * before FINALIZE answers.
 */
final class MediaLibrary {
    static final int HEAD_BYTES = 64 * 1024;

    private final SandboxConfig config;
    private final IdSource ids;
    private final Path spoolDir;
    private final Map<String, MediaItem> items = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService assembler = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-media-processing");
        t.setDaemon(true);
        return t;
    });

    MediaLibrary(SandboxConfig config, IdSource ids, Path spoolDir) {
        this.config = config;
        this.ids = ids;
        this.spoolDir = spoolDir;
    }

    MediaItem create(String ownerId, Set<String> additionalOwners, String category, String mediaType,
                     Long totalBytes, Instant now) {
        String id = ids.next();
        boolean amplify = "amplify_video".equals(category);
        Instant expiresAt = now.plus(amplify ? config.amplifyMediaTtl() : config.mediaTtl());
        MediaItem item = new MediaItem(id, ownerId, additionalOwners, category, mediaType, totalBytes, now, expiresAt);
        items.put(id, item);
        freeExpiredSpools(now);
        return item;
    }

    Optional<MediaItem> find(String id) {
        return Optional.ofNullable(id == null ? null : items.get(id));
    }

    Collection<MediaItem> all() {
        return items.values();
    }

    /** Writes bytes into a spool file. */
    @FunctionalInterface
    interface ByteSource {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Streams a segment to a spool file; 413 (empty body) as soon as it passes {@code limit}. */
    MediaItem.Segment spool(String mediaId, int index, InputStream in, long limit) throws IOException {
        return spool(mediaId, index, limit, out -> in.transferTo(out));
    }

    MediaItem.Segment spool(String mediaId, int index, long limit, ByteSource source) throws IOException {
        Path file = Files.createTempFile(spoolDir, mediaId + "-", ".part");
        MessageDigest digest = sha256();
        long[] size = {0};
        try (OutputStream fileOut = Files.newOutputStream(file)) {
            source.writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    size[0] += len;
                    if (size[0] > limit) {
                        throw ApiProblem.payloadTooLarge();
                    }
                    digest.update(b, off, len);
                    fileOut.write(b, off, len);
                }
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new MediaItem.Segment(index, size[0], HexFormat.of().formatHex(digest.digest()), file);
    }

    /** Stores a segment; a segment sent again (a retry) replaces the earlier one. */
    void putSegment(MediaItem item, MediaItem.Segment segment) throws IOException {
        MediaItem.Segment replaced;
        synchronized (item) {
            if (item.finalized) {
                Files.deleteIfExists(segment.file());
                throw ApiProblem.invalidRequest("Media " + item.id + " is already finalized; no more segments can be appended.");
            }
            replaced = item.segments.put(segment.index(), segment);
        }
        if (replaced != null && replaced.file() != null) {
            Files.deleteIfExists(replaced.file());
        }
    }

    /** Checks the segments tile the declared size, then hashes the whole file and frees the spool. */
    void finalizeUpload(MediaItem item, Instant now, boolean failProcessing) throws IOException {
        synchronized (item) {
            if (item.finalized) {
                return;
            }
            if (item.segments.isEmpty()) {
                throw ApiProblem.invalidRequest("No segments were appended to media " + item.id + ".");
            }
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i <= item.segments.lastKey(); i++) {
                if (!item.segments.containsKey(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw ApiProblem.invalidRequest("Segments " + missing + " of media " + item.id
                        + " are missing: every segment_index from 0 to " + item.segments.lastKey() + " must be appended.");
            }
            long received = item.segments.values().stream().mapToLong(MediaItem.Segment::size).sum();
            if (item.declaredTotalBytes != null && received != item.declaredTotalBytes) {
                throw ApiProblem.invalidRequest("Media " + item.id + " received " + received
                        + " bytes but total_bytes was " + item.declaredTotalBytes + ".");
            }
            if (item.segments.values().stream().anyMatch(seg -> seg.file() == null)) {
                throw ApiProblem.invalidRequest("Media id " + item.id + " has expired.");
            }
            item.size = received;
            item.finalized = true;
            item.finalizedAt = now;
            item.failsProcessing = item.needsProcessing && failProcessing;
            item.nextPollAllowedAt = now.plusSeconds(config.checkAfterSecs());
        }
        if (item.needsProcessing) {
            assembler.execute(() -> assembleQuietly(item));
        } else {
            assemble(item);
        }
    }

    /**
     * Once the configured processing time has passed on the sandbox's clock, processing ends as soon as the bytes are
     * read: waits for that, so what a client sees depends on the clock alone, not on how busy the machine is.
     */
    static void settle(MediaItem item, Instant now, java.time.Duration processing) {
        boolean due;
        synchronized (item) {
            due = item.finalized && item.needsProcessing && !now.isBefore(item.finalizedAt.plus(processing));
        }
        if (due) {
            awaitAssembled(item);
        }
    }

    /** Blocks until the finalized bytes of {@code item} are hashed (at most a few seconds for 512 MiB). */
    static void awaitAssembled(MediaItem item) {
        boolean finalized;
        synchronized (item) {
            finalized = item.finalized;
        }
        if (finalized) {
            try {
                item.assembled.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported where it happened; the view shows no content hash
            }
        }
    }

    private void assembleQuietly(MediaItem item) {
        try {
            assemble(item);
        } catch (IOException | RuntimeException e) {
            // A reset deleted the spool while it was being read: nothing is left to describe.
            item.assembled.completeExceptionally(e);
        }
    }

    /** Hashes the finalized segments in order (the whole file), probes an image's head, then frees the spool. */
    private void assemble(MediaItem item) throws IOException {
        List<MediaItem.Segment> segments = item.segmentList();
        MessageDigest whole = sha256();
        byte[] head = new byte[0];
        byte[] chunk = new byte[64 * 1024];
        for (MediaItem.Segment segment : segments) {
            try (InputStream in = Files.newInputStream(segment.file())) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    whole.update(chunk, 0, n);
                    if (head.length < HEAD_BYTES) {
                        int take = Math.min(n, HEAD_BYTES - head.length);
                        byte[] longer = java.util.Arrays.copyOf(head, head.length + take);
                        System.arraycopy(chunk, 0, longer, head.length, take);
                        head = longer;
                    }
                }
            }
        }
        synchronized (item) {
            for (var entry : item.segments.entrySet()) {
                Files.deleteIfExists(entry.getValue().file());
                MediaItem.Segment s = entry.getValue();
                entry.setValue(new MediaItem.Segment(s.index(), s.size(), s.sha256(), null));
            }
            item.contentSha256 = HexFormat.of().formatHex(whole.digest());
            item.image = item.kind == MediaItem.Kind.PHOTO ? ImageProbe.probe(head).orElse(null) : null;
        }
        item.assembled.complete(null);
    }

    /** Uploads abandoned until they expired can never be finalized: their spooled bytes go, their record stays. */
    private void freeExpiredSpools(Instant now) {
        for (MediaItem item : items.values()) {
            if (item.expired(now)) {
                synchronized (item) {
                    for (var entry : item.segments.entrySet()) {
                        MediaItem.Segment s = entry.getValue();
                        if (s.file() != null) {
                            deleteQuietly(s.file());
                            entry.setValue(new MediaItem.Segment(s.index(), s.size(), s.sha256(), null));
                        }
                    }
                }
            }
        }
    }

    void clear() {
        for (MediaItem item : items.values()) {
            synchronized (item) {
                item.segments.values().stream().map(MediaItem.Segment::file).filter(f -> f != null).forEach(MediaLibrary::deleteQuietly);
            }
        }
        items.clear();
    }

    void deleteSpool() {
        clear();
        try (Stream<Path> files = Files.list(spoolDir)) {
            files.forEach(MediaLibrary::deleteQuietly);
        } catch (IOException ignored) {
            // best effort: the directory may already be gone
        }
        deleteQuietly(spoolDir);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
