package dev.outpost.ports.platform.fake;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The X-shaped plugin's media protocol: an image in one request; a video or GIF in parts of the configured size, sent
 * {@link UploadContext#parallelism()} at a time, each journaled once acknowledged; a 413 restarts the upload with half
 * the part size, kept from then on; processing polled with the platform's hint; alt text set last. A checkpoint's state
 * is {@code id=<media id>;part=<bytes>;acked=<indices>;exp=<epoch second>}.
 */
final class XShapedTransport implements MediaTransport {
    private final XShapedPlatform platform;
    private final long partSize;

    XShapedTransport(XShapedPlatform platform, long partSize) {
        if (partSize < 1) {
            throw new IllegalArgumentException("the part size must be positive");
        }
        this.platform = platform;
        this.partSize = partSize;
    }

    /** The resume state of a part-wise upload. */
    private static final class State {
        final String mediaId;
        final long partSize;
        final TreeSet<Integer> acked = new TreeSet<>();
        final Instant expiresAt;

        State(String mediaId, long partSize, Instant expiresAt) {
            this.mediaId = mediaId;
            this.partSize = partSize;
            this.expiresAt = expiresAt;
        }

        static State parse(String text) {
            String id = null;
            long part = 0;
            Instant exp = null;
            List<Integer> acked = new ArrayList<>();
            for (String field : text.split(";")) {
                String[] kv = field.split("=", 2);
                switch (kv[0]) {
                    case "id" -> id = kv[1];
                    case "part" -> part = Long.parseLong(kv[1]);
                    case "exp" -> exp = Instant.ofEpochSecond(Long.parseLong(kv[1]));
                    case "acked" -> {
                        for (String i : kv[1].split(",")) {
                            if (!i.isEmpty()) {
                                acked.add(Integer.parseInt(i));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("not an upload state: " + text);
                }
            }
            State state = new State(id, part, exp);
            state.acked.addAll(acked);
            return state;
        }

        synchronized String encode() {
            StringBuilder indices = new StringBuilder();
            acked.forEach(i -> indices.append(indices.length() == 0 ? "" : ",").append(i));
            return "id=" + mediaId + ";part=" + partSize + ";acked=" + indices + ";exp=" + expiresAt.getEpochSecond();
        }

        synchronized long ackedBytes(long size) {
            return acked.stream().mapToLong(i -> length(i, size)).sum();
        }

        long length(int index, long size) {
            return Math.min(partSize, size - index * partSize);
        }

        int parts(long size) {
            return (int) Math.max(1, (size + partSize - 1) / partSize);
        }
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        MediaFile file = upload.file();
        if (file.kind() == MediaKind.IMAGE && upload.resumed().isEmpty()) {
            return simple(upload);
        }
        State state = null;
        boolean processing = false;
        long size = partSize;
        if (upload.resumed().isPresent()) {
            UploadCheckpoint checkpoint = upload.resumed().get();
            state = State.parse(checkpoint.state());
            size = state.partSize;
            processing = checkpoint.phase() == UploadCheckpoint.Phase.PROCESSING;
        }
        while (true) {
            try {
                if (state == null) {
                    XShapedPlatform.Uploaded init = upload.call("initialize", true, a -> platform.initialize(
                            a.accessToken(), file.type(), file.size()));
                    state = new State(init.mediaId(), size, init.expiresAt());
                    upload.checkpoint(UploadCheckpoint.Phase.UPLOADING, state.encode(), 0, state.expiresAt);
                }
                ProcessingStep status;
                if (processing) {
                    String id = state.mediaId;
                    status = upload.call("status", true, a -> platform.status(a.accessToken(), id));
                } else {
                    sendParts(upload, state);
                    String id = state.mediaId;
                    status = upload.call("finalize", true, a -> platform.finalizeUpload(a.accessToken(), id));
                    upload.checkpoint(UploadCheckpoint.Phase.PROCESSING, state.encode(), file.size(),
                            state.expiresAt);
                }
                return finish(upload, state.mediaId, state.expiresAt, status);
            } catch (PlatformException.PayloadTooLarge e) {
                if (state.partSize <= 1) {
                    throw e;
                }
                // Start over with smaller parts, and keep them smaller: the same size would meet the same 413.
                size = state.partSize / 2;
                state = null;
                processing = false;
            } catch (PlatformException.InvalidRequest e) {
                if (upload.resumed().isEmpty() || !e.getMessage().contains(state.mediaId)) {
                    throw e;
                }
                // The resumed media is gone (expired, unknown): start over with a new one.
                size = state.partSize;
                state = null;
                processing = false;
            }
        }
    }

    private MediaRef simple(UploadContext upload) {
        MediaFile file = upload.file();
        upload.started(1, 0);
        byte[] bytes = FakePlatform.read(file, 0, file.size());
        XShapedPlatform.Uploaded uploaded = upload.call("upload", true, a -> platform.simpleUpload(a.accessToken(),
                file.type(), bytes));
        upload.acknowledged(file.size(), 1, 1);
        return finish(upload, uploaded.mediaId(), uploaded.expiresAt(), uploaded.status());
    }

    private void sendParts(UploadContext upload, State state) {
        MediaFile file = upload.file();
        int parts = state.parts(file.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            if (!state.acked.contains(i)) {
                missing.add(i);
            }
        }
        upload.started(parts, state.ackedBytes(file.size()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(upload.parallelism(),
                missing.size())));
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int index : missing) {
                sent.add(pool.submit(() -> sendPart(upload, state, index, parts)));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending parts", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sendPart(UploadContext upload, State state, int index, int parts) {
        MediaFile file = upload.file();
        long length = state.length(index, file.size());
        byte[] bytes = FakePlatform.read(file, index * state.partSize, length);
        upload.call("append part " + index, true, a -> {
            platform.append(a.accessToken(), state.mediaId, index, bytes);
            return null;
        });
        String encoded;
        long acked;
        int done;
        synchronized (state) {
            state.acked.add(index);
            encoded = state.encode();
            acked = state.ackedBytes(file.size());
            done = state.acked.size();
        }
        upload.checkpoint(UploadCheckpoint.Phase.UPLOADING, encoded, acked, state.expiresAt);
        upload.acknowledged(acked, done, parts);
    }

    private MediaRef finish(UploadContext upload, String mediaId, Instant expiresAt, ProcessingStep first) {
        ProcessingStep status = first;
        while (!status.isDone()) {
            upload.awaitProcessing(status.checkAfter(), status.percent());
            status = upload.call("status", true, a -> platform.status(a.accessToken(), mediaId));
        }
        if (status.state() == ProcessingStep.State.FAILED) {
            throw new PlatformException.InvalidRequest("processing-failed", upload.file().displayName()
                    + " could not be processed: " + status.error());
        }
        if (upload.altText() != null) {
            upload.call("describe", true, a -> {
                platform.metadata(a.accessToken(), mediaId, upload.altText());
                return null;
            });
        }
        return new MediaRef(mediaId, expiresAt);
    }
}
