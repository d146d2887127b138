package dev.outpost.mastodon;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mastodon's media protocol: the whole file in one {@code POST /api/v2/media}, streamed from disk, with the alt text
 * as its {@code description} and the focal point, when given, as its {@code focus} ({@code "x,y"}). 200 means processed; 202 means processing: the media id is journaled
 * ({@link UploadCheckpoint.Phase#PROCESSING}, the state is the id) and {@code GET /api/v1/media/:id} is polled — 206
 * while processing, 200 when done. Mastodon gives no {@code check_after}, so the plugin gives the core its own hint
 * ({@link #pollInterval}: a second for the first polls, a ready video is seen soon, then growing gently to
 * {@link #LONGEST_POLL_INTERVAL}); the core never waits under its minimum and stops at its deadline. A run that died
 * while polling polls the same id, or uploads again when the server no longer has it. Thread-safe; keeps no state
 * between uploads.
 */
final class MastodonMediaTransport implements MediaTransport {
    /** Unattached media is deleted after about a day (FACTS §3): count on less. */
    static final Duration USABLE_FOR = Duration.ofHours(20);
    /** The longest wait between two polls: a long video is still seen within seconds of being ready. */
    static final Duration LONGEST_POLL_INTERVAL = Duration.ofSeconds(5);

    private final MastodonFeign feign;
    private final Clock clock;

    MastodonMediaTransport(MastodonFeign feign, Clock clock) {
        this.feign = feign;
        this.clock = clock;
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        MediaFile file = upload.file();
        if (upload.resumed().isPresent()) {
            UploadCheckpoint checkpoint = upload.resumed().get();
            upload.started(1, file.size());
            try {
                return await(upload, checkpoint.state(), expiry(checkpoint));
            } catch (PlatformException.InvalidRequest gone) {
                if (!gone.code().equals("not_found")) {
                    throw gone;
                }
                // The server no longer has it: send the file again.
            }
        }
        upload.started(1, 0);
        Instant expiresAt = clock.instant().plus(USABLE_FOR);
        Answered answer = upload.call("upload " + file.displayName(), true, access -> {
            MultipartBody body = body(upload);
            return MastodonErrorDecoder.call(() -> MastodonHttpClient.sending(body, () ->
                    feign.api().uploadMedia(server(access), bearer(access), body)));
        });
        upload.acknowledged(file.size(), 1, 1);
        String id = MastodonJson.text(answer.body(), "id");
        if (id == null) {
            throw new PlatformException.Transient(file.displayName() + ": the server took the upload but named no "
                    + "media id", null);
        }
        if (processed(answer)) {
            return new MediaRef(id, expiresAt);
        }
        upload.checkpoint(UploadCheckpoint.Phase.PROCESSING, id, file.size(), expiresAt);
        return await(upload, id, expiresAt);
    }

    /** Polls until processed, waiting before each poll. */
    private MediaRef await(UploadContext upload, String mediaId, Instant expiresAt) {
        for (int poll = 0; ; poll++) {
            upload.awaitProcessing(pollInterval(poll), -1);
            Answered answer;
            try {
                answer = upload.call("check processing of " + upload.file().displayName(), true, access ->
                        MastodonErrorDecoder.call(() -> feign.api().media(server(access), bearer(access), mediaId)));
            } catch (PlatformException.InvalidRequest e) {
                if (e.code().equals("validation")) {
                    throw new PlatformException.InvalidRequest("processing_failed", upload.file().displayName()
                            + " could not be processed by the server: " + e.getMessage());
                }
                throw e;
            }
            if (processed(answer)) {
                upload.acknowledged(upload.file().size(), 1, 1);
                return new MediaRef(mediaId, expiresAt);
            }
        }
    }

    /**
     * How long to wait before poll {@code poll} (from 0): 1 s, 1 s, 1 s, 2 s, 2 s, 3 s, 3 s, 4 s, 4 s, then 5 s. Most
     * media is ready within seconds, so the first polls come every second (never faster: FACTS §3, RELIABILITY M1);
     * a long video then costs a request every few seconds, not a flood, and is seen at most 5 s late.
     */
    static Duration pollInterval(int poll) {
        if (poll < 0) {
            throw new IllegalArgumentException("poll counts from 0: " + poll);
        }
        long seconds = poll < 3 ? 1 : 1 + (poll - 1) / 2;
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(LONGEST_POLL_INTERVAL) > 0 ? LONGEST_POLL_INTERVAL : wait;
    }

    /** 200 with a URL: ready. 202, 206, or a 200 without a URL yet: still processing. */
    private static boolean processed(Answered answer) {
        return answer.status() == 200 && MastodonJson.text(answer.body(), "url") != null;
    }

    /** A fresh body per attempt: each one streams the file from its start. */
    private static MultipartBody body(UploadContext upload) {
        MediaFile file = upload.file();
        Map<String, String> fields = new LinkedHashMap<>();
        if (upload.altText() != null) {
            fields.put("description", upload.altText());
        }
        if (upload.focus() != null) {
            fields.put("focus", upload.focus().text());
        }
        String extension = file.type().mimeType().substring(file.type().mimeType().indexOf('/') + 1)
                .replace("quicktime", "mov").toLowerCase(Locale.ROOT);
        return MultipartBody.of(fields, file.path(), "media." + extension, file.type().mimeType());
    }

    private Instant expiry(UploadCheckpoint checkpoint) {
        return checkpoint.expiresAt() != null ? checkpoint.expiresAt() : clock.instant().plus(USABLE_FOR);
    }

    static URI server(AccountAccess access) {
        URI server = access.account().server();
        if (server == null) {
            throw new IllegalStateException("the Mastodon account " + access.account().id() + " names no server");
        }
        return server;
    }

    static String bearer(AccountAccess access) {
        return "Bearer " + access.accessToken();
    }
}
