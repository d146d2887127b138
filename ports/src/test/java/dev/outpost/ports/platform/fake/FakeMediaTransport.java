package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.Segment;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.TransferListener;
import dev.outpost.ports.platform.UploadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fake platform's media endpoints. It reads each segment from the file itself (so a caller that re-reads the
 * wrong bytes is caught by {@link #assembledSha256}), checks at FINALIZE that the segments tile the declared size,
 * and answers STATUS from a processing script; a STATUS sooner than the last {@code checkAfter} is refused with
 * {@link PlatformException.RateLimited}, as the X sandbox does.
 */
public final class FakeMediaTransport implements MediaTransport {
    /** Segment bytes are kept (for {@link #assembledSha256}) only for uploads up to this size. */
    private static final long KEEP_BYTES_UP_TO = 32L * 1024 * 1024;
    private static final int MAX_ALT_TEXT = 1000;

    private static final class Media {
        final String id;
        final String userId;
        final MediaKind kind;
        final long totalBytes;
        final Instant expiresAt;
        final TreeMap<Integer, byte[]> segments = new TreeMap<>();
        final Map<Integer, Long> lengths = new HashMap<>();
        final Deque<ProcessingStatus> script;
        boolean finalized;
        ProcessingStatus status;
        Instant nextPollAt = Instant.MIN;
        String altText;

        Media(String id, String userId, MediaKind kind, long totalBytes, Instant expiresAt,
                List<ProcessingStatus> script) {
            this.id = id;
            this.userId = userId;
            this.kind = kind;
            this.totalBytes = totalBytes;
            this.expiresAt = expiresAt;
            this.script = new ArrayDeque<>(kind.isProcessedAsynchronously() ? script
                    : List.of(ProcessingStatus.succeeded()));
        }
    }

    private final FakePlatform platform;
    private final Map<String, Media> media = new HashMap<>();
    private volatile long maxSegmentBytes = Long.MAX_VALUE;
    private volatile boolean concurrentAppends = true;
    private volatile boolean rejectEarlyPolls = true;
    private volatile Duration mediaTtl = Duration.ofHours(24);
    private volatile List<ProcessingStatus> script = List.of(ProcessingStatus.pending(Duration.ofSeconds(1)),
            new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofSeconds(2), 50, null),
            ProcessingStatus.succeeded());

    FakeMediaTransport(FakePlatform platform) {
        this.platform = platform;
    }

    // ---- controls

    void limitSegmentBytes(long bytes) {
        this.maxSegmentBytes = bytes;
    }

    void processingScript(List<ProcessingStatus> statuses) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a processing script needs at least one status");
        }
        this.script = List.copyOf(statuses);
    }

    public void acceptConcurrentAppends(boolean accept) {
        this.concurrentAppends = accept;
    }

    /** Whether a STATUS before the last {@code checkAfter} is refused with 429 (default true). */
    public void rejectEarlyStatusPolls(boolean reject) {
        this.rejectEarlyPolls = reject;
    }

    /** How long media ids from now on stay usable (24 h by default). */
    public void mediaTtl(Duration ttl) {
        this.mediaTtl = ttl;
    }

    /** The SHA-256 of the segments kept for {@code mediaId}, in index order (uploads up to 32 MiB only). */
    public Optional<String> assembledSha256(String mediaId) {
        synchronized (platform) {
            Media m = media.get(mediaId);
            if (m == null || m.totalBytes > KEEP_BYTES_UP_TO) {
                return Optional.empty();
            }
            MessageDigest sha = sha256();
            m.segments.values().forEach(sha::update);
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        }
    }

    Optional<String> altText(String mediaId) {
        synchronized (platform) {
            return Optional.ofNullable(media.get(mediaId)).map(m -> m.altText);
        }
    }

    /** Whether {@code userId} may attach {@code mediaId} to a post now: uploaded, processed, not expired. */
    boolean isUsable(String mediaId, String userId) {
        Media m = media.get(mediaId);
        return m != null && m.userId.equals(userId) && m.status != null
                && m.status.state() == ProcessingStatus.State.SUCCEEDED
                && platform.clock().instant().isBefore(m.expiresAt);
    }

    // ---- the port

    @Override
    public boolean acceptsConcurrentAppends() {
        return concurrentAppends;
    }

    @Override
    public boolean prefersSingleRequest(MediaFile file) {
        return file.kind() == MediaKind.IMAGE;
    }

    @Override
    public UploadResult upload(String accessToken, MediaFile file, TransferListener listener) {
        return platform.call(platform.newCall(Operation.UPLOAD, accessToken, null, -1, file.size(), null), () -> {
            String userId = platform.requireToken(accessToken, "media.write");
            Media m = create(userId, file);
            byte[] bytes = read(file, new Segment(0, 0, file.size()), listener);
            if (m.totalBytes <= KEEP_BYTES_UP_TO) {
                m.segments.put(0, bytes);
            }
            m.lengths.put(0, file.size());
            return new UploadResult(new RemoteMedia(m.id, m.expiresAt), finish(m));
        });
    }

    @Override
    public RemoteMedia initialize(String accessToken, MediaFile file) {
        return platform.call(platform.newCall(Operation.INITIALIZE, accessToken, null, -1, 0, null), () -> {
            Media m = create(platform.requireToken(accessToken, "media.write"), file);
            return new RemoteMedia(m.id, m.expiresAt);
        });
    }

    @Override
    public void append(String accessToken, String mediaId, Segment segment, MediaFile file,
            TransferListener listener) {
        platform.call(platform.newCall(Operation.APPEND, accessToken, mediaId, segment.index(), segment.length(),
                null), () -> {
                    Media m = open(accessToken, mediaId);
                    if (m.finalized) {
                        throw new PlatformException.InvalidRequest("invalid-request",
                                "media " + mediaId + " is already finalized");
                    }
                    if (segment.length() > maxSegmentBytes) {
                        throw new PlatformException.PayloadTooLarge("413 Payload Too Large: segment "
                                + segment.index() + " has " + segment.length() + " bytes, over " + maxSegmentBytes);
                    }
                    byte[] bytes = read(file, segment, listener);
                    m.lengths.put(segment.index(), segment.length());
                    if (m.totalBytes <= KEEP_BYTES_UP_TO) {
                        m.segments.put(segment.index(), bytes);
                    }
                    return null;
                });
    }

    @Override
    public ProcessingStatus finalizeUpload(String accessToken, String mediaId) {
        return platform.call(platform.newCall(Operation.FINALIZE, accessToken, mediaId, -1, 0, null), () -> {
            Media m = open(accessToken, mediaId);
            if (m.finalized) {
                return m.status;
            }
            long sum = 0;
            for (int i = 0; i < m.lengths.size(); i++) {
                Long length = m.lengths.get(i);
                if (length == null) {
                    throw new PlatformException.InvalidRequest("invalid-request",
                            "segment " + i + " of media " + mediaId + " is missing");
                }
                sum += length;
            }
            if (sum != m.totalBytes) {
                throw new PlatformException.InvalidRequest("invalid-request", "media " + mediaId + " received "
                        + sum + " bytes, but " + m.totalBytes + " were announced");
            }
            return finish(m);
        });
    }

    @Override
    public ProcessingStatus status(String accessToken, String mediaId) {
        return platform.call(platform.newCall(Operation.STATUS, accessToken, mediaId, -1, 0, null), () -> {
            Media m = open(accessToken, mediaId);
            if (!m.finalized) {
                throw new PlatformException.InvalidRequest("invalid-request", "media " + mediaId
                        + " is not finalized");
            }
            if (m.status.isDone()) {
                return m.status;
            }
            Instant now = platform.clock().instant();
            if (rejectEarlyPolls && now.isBefore(m.nextPollAt)) {
                throw new PlatformException.RateLimited("429: polled before check_after_secs", m.nextPollAt);
            }
            return advance(m);
        });
    }

    @Override
    public void describe(String accessToken, String mediaId, String altText) {
        platform.call(platform.newCall(Operation.DESCRIBE, accessToken, mediaId, -1, 0, altText), () -> {
            Media m = open(accessToken, mediaId);
            if (altText.codePointCount(0, altText.length()) > MAX_ALT_TEXT) {
                throw new PlatformException.InvalidRequest("invalid-request", "alt text over " + MAX_ALT_TEXT);
            }
            m.altText = altText;
            return null;
        });
    }

    // ---- inside, under the platform's lock

    private Media create(String userId, MediaFile file) {
        Media m = new Media(platform.nextId(), userId, file.kind(), file.size(),
                platform.clock().instant().plus(mediaTtl), script);
        media.put(m.id, m);
        return m;
    }

    private Media open(String accessToken, String mediaId) {
        String userId = platform.requireToken(accessToken, "media.write");
        Media m = media.get(mediaId);
        if (m == null || !m.userId.equals(userId)) {
            throw new PlatformException.InvalidRequest("invalid-request", "media " + mediaId + " not found");
        }
        if (!platform.clock().instant().isBefore(m.expiresAt)) {
            throw new PlatformException.InvalidRequest("invalid-request", "media " + mediaId + " has expired");
        }
        return m;
    }

    private ProcessingStatus finish(Media m) {
        m.finalized = true;
        return advance(m);
    }

    private ProcessingStatus advance(Media m) {
        m.status = m.script.size() > 1 ? m.script.poll() : m.script.peek();
        m.nextPollAt = platform.clock().instant().plus(m.status.checkAfter());
        return m.status;
    }

    private static byte[] read(MediaFile file, Segment segment, TransferListener listener) {
        byte[] bytes = new byte[(int) segment.length()];
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            int done = 0;
            while (done < bytes.length) {
                int n = channel.read(ByteBuffer.wrap(bytes, done, Math.min(64 * 1024, bytes.length - done)),
                        segment.offset() + done);
                if (n < 0) {
                    throw new IOException(file.displayName() + " ended before byte " + segment.end());
                }
                done += n;
                listener.bytesSent(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
