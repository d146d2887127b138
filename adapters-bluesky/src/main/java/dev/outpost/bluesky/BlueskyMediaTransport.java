package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.platform.MediaRef;
import dev.outpost.ports.platform.MediaTransport;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.UploadContext;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Bluesky's media protocols (FACTS §3). An image is one {@code uploadBlob} to the account's PDS, streamed from the
 * file, after checking the 2,000,000-byte limit, with its aspect ratio read from its header. A video goes to the video
 * service: its daily quota first ({@code getUploadLimits}), a service token from the PDS ({@code getServiceAuth}),
 * {@code uploadVideo} streamed from the file, a checkpoint with the job id, then {@code getJobStatus} polled through
 * the context's waits until the service hands back the blob; a run that died while the video encoded polls the same job
 * again. With no video service ({@code none}) a video is a plain blob like an image.
 *
 * <p>Blobs have no known lifetime (the server collects those no record names after a while): the reference carries
 * no expiry, and a post that finds its blob gone says so ({@code MediaExpired}). Stateless and thread-safe.
 */
final class BlueskyMediaTransport implements MediaTransport {
    static final String UPLOAD_BLOB = "com.atproto.repo.uploadBlob";
    private static final Duration SERVICE_TOKEN_LIFE = Duration.ofMinutes(30);
    /** How long the video service keeps a job to poll; after that a run starts afresh. */
    private static final Duration JOB_LIFE = Duration.ofHours(24);

    private final Xrpc xrpc;
    private final BlueskySettings settings;
    private final Clock clock;

    BlueskyMediaTransport(Xrpc xrpc, BlueskySettings settings, Clock clock) {
        this.xrpc = xrpc;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public MediaRef upload(UploadContext upload) {
        MediaFile file = upload.file();
        if (file.kind() == MediaKind.VIDEO) {
            if (!file.type().mimeType().equals("video/mp4")) {
                throw new PlatformException.InvalidRequest("unsupported-media", file.displayName() + " is a "
                        + file.type().mimeType() + " video; Bluesky takes MP4 videos");
            }
            return settings.videoService() == null ? blob(upload, Mp4Header.read(file.path()).orElse(null))
                    : video(upload);
        }
        if (file.kind() != MediaKind.IMAGE) {
            throw new PlatformException.InvalidRequest("unsupported-media", file.displayName() + " is a "
                    + file.type().mimeType() + "; Bluesky takes JPEG, PNG and WebP images and MP4 videos");
        }
        if (file.size() > BlueskyRules.MAX_IMAGE_BYTES) {
            throw new PlatformException.InvalidRequest("image-too-large", file.displayName() + " is " + file.size()
                    + " bytes; Bluesky takes images of at most " + String.format(Locale.ROOT, "%,d",
                    BlueskyRules.MAX_IMAGE_BYTES) + " bytes: make it smaller and try again");
        }
        return blob(upload, ImageHeader.read(file.path()).orElse(null));
    }

    /** One {@code uploadBlob} of the whole file to the account's PDS. */
    private MediaRef blob(UploadContext upload, ImageHeader aspectRatio) {
        MediaFile file = upload.file();
        upload.started(1, 0);
        JsonNode answer;
        try {
            // Repeatable: the same bytes are the same blob (its content id), however often they are sent.
            answer = upload.call("upload " + file.displayName(), true, access -> xrpc.send(XrpcCall.upload(
                    SessionState.of(access).pds(), UPLOAD_BLOB, file.path(), file.type().mimeType())
                    .auth(Auth.of(access, clock))));
        } catch (PlatformException.PayloadTooLarge e) {
            throw new PlatformException.PayloadTooLarge(file.displayName() + " (" + file.size() + " bytes) is larger "
                    + "than the Bluesky server takes: " + e.getMessage());
        }
        upload.acknowledged(file.size(), 1, 1);
        return new MediaRef(blobRef(answer.path("blob"), aspectRatio).encode(), null);
    }

    private MediaRef video(UploadContext upload) {
        Optional<String> job = upload.resumed().filter(c -> c.phase() == UploadCheckpoint.Phase.PROCESSING)
                .flatMap(c -> jobOf(c.state(), settings.videoService()));
        if (job.isEmpty()) {
            return fresh(upload);
        }
        upload.started(1, upload.file().size());
        try {
            return poll(upload, job.get(), -1);
        } catch (PlatformException.InvalidRequest gone) {
            if (gone.code().equals("video-failed")) {
                throw gone;
            }
            // The service no longer knows the job of the earlier run: send the file afresh.
            return fresh(upload);
        }
    }

    /** A video upload from the start, whatever an earlier run left. */
    private MediaRef fresh(UploadContext upload) {
        MediaFile file = upload.file();
        upload.started(1, 0);
        checkQuota(upload);
        JsonNode status = upload.call("upload " + file.displayName() + " to the video service", true,
                access -> uploadVideo(access, file));
        String id = status.path("jobId").asText("");
        if (id.isEmpty()) {
            throw new PlatformException.Transient("the video service answered no job for " + file.displayName(),
                    null);
        }
        upload.acknowledged(file.size(), 1, 1);
        upload.checkpoint(UploadCheckpoint.Phase.PROCESSING, Xrpc.JSON.createObjectNode()
                .put("service", settings.videoService().toString()).put("jobId", id).toString(), file.size(),
                clock.instant().plus(JOB_LIFE));
        Optional<MediaRef> done = outcome(file, status);
        return done.isPresent() ? done.get() : poll(upload, id, -1);
    }

    private MediaRef poll(UploadContext upload, String jobId, int progress) {
        MediaFile file = upload.file();
        int percent = progress;
        while (true) {
            upload.awaitProcessing(null, percent);
            JsonNode status = upload.call("check the processing of " + file.displayName(), true, access ->
                    jobStatus(xrpc.send(XrpcCall.query(settings.videoService(), "app.bsky.video.getJobStatus")
                            .param("jobId", jobId))));
            Optional<MediaRef> done = outcome(file, status);
            if (done.isPresent()) {
                return done.get();
            }
            percent = status.path("progress").isInt() ? Math.max(0, Math.min(100, status.get("progress").asInt()))
                    : -1;
        }
    }

    /** The blob once the job completed; a refusal with the service's words if it failed; empty while it runs. */
    private static Optional<MediaRef> outcome(MediaFile file, JsonNode status) {
        String state = status.path("state").asText("");
        if (state.equals("JOB_STATE_COMPLETED")) {
            JsonNode blob = status.path("blob");
            if (!blob.isObject()) {
                throw new PlatformException.Transient("the video service finished " + file.displayName()
                        + " without a blob", null);
            }
            return Optional.of(new MediaRef(blobRef(blob, Mp4Header.read(file.path()).orElse(null)).encode(), null));
        }
        if (state.equals("JOB_STATE_FAILED")) {
            String why = String.join(": ", java.util.stream.Stream.of(status.path("error").asText(""),
                    status.path("message").asText("")).filter(s -> !s.isEmpty()).toList());
            throw new PlatformException.InvalidRequest("video-failed", "Bluesky's video service could not process "
                    + file.displayName() + (why.isEmpty() ? "" : ": " + why));
        }
        return Optional.empty();
    }

    /** Refuses at once, with the service's words, when today's video quota would not take this file. */
    private void checkQuota(UploadContext upload) {
        MediaFile file = upload.file();
        JsonNode limits = upload.call("check the daily video quota", true, access -> xrpc.send(XrpcCall.query(
                settings.videoService(), "app.bsky.video.getUploadLimits").auth(Auth.bearer(serviceToken(access,
                settings.videoServiceDid(), "app.bsky.video.getUploadLimits")))));
        boolean canUpload = limits.path("canUpload").asBoolean(true);
        JsonNode bytesLeft = limits.path("remainingDailyBytes");
        if (!canUpload || (bytesLeft.canConvertToLong() && bytesLeft.asLong() < file.size())) {
            String message = limits.path("message").asText("");
            throw new PlatformException.InvalidRequest("video-quota", "Bluesky's video service takes no more videos "
                    + "from this account today" + (message.isEmpty() ? "" : ": " + message) + " ("
                    + limits.path("remainingDailyVideos").asText("?") + " videos and " + bytesLeft.asText("?")
                    + " bytes left today, " + file.displayName() + " is " + file.size() + " bytes); try again "
                    + "tomorrow");
        }
    }

    private JsonNode uploadVideo(dev.outpost.ports.platform.AccountAccess access, MediaFile file) {
        SessionState session = SessionState.of(access);
        String token = serviceToken(access, BlueskySettings.didWeb(session.pds()), UPLOAD_BLOB);
        XrpcCall call = XrpcCall.upload(settings.videoService(), "app.bsky.video.uploadVideo", file.path(),
                "video/mp4").param("did", session.did()).param("name", videoName(file)).auth(Auth.bearer(token));
        XrpcAnswer answer = xrpc.exchange(call);
        // The service knows this video already (a repeat after a lost answer): it names the job it made then.
        if (answer.status() == 409 && answer.body().path("jobId").isTextual()) {
            return answer.body();
        }
        if (!answer.ok() || !answer.json()) {
            throw XrpcErrors.failure(call, answer);
        }
        return jobStatus(answer.body());
    }

    /** A short-lived token from the PDS that lets another service act for the account, for one method. */
    private String serviceToken(dev.outpost.ports.platform.AccountAccess access, String audience, String method) {
        JsonNode answer = xrpc.send(XrpcCall.query(SessionState.of(access).pds(),
                "com.atproto.server.getServiceAuth").param("aud", audience).param("lxm", method)
                .param("exp", Long.toString(clock.instant().plus(SERVICE_TOKEN_LIFE).getEpochSecond()))
                .auth(Auth.of(access, clock)));
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            throw new PlatformException.Transient("Bluesky answered no service token", null);
        }
        return token;
    }

    /** The job status whether it comes wrapped ({@code {"jobStatus": …}}, the lexicon's) or bare. */
    private static JsonNode jobStatus(JsonNode answer) {
        return answer.has("jobStatus") ? answer.get("jobStatus") : answer;
    }

    private static Optional<String> jobOf(String state, URI service) {
        try {
            JsonNode node = Xrpc.JSON.readTree(state);
            return node.path("service").asText("").equals(service.toString()) && node.path("jobId").isTextual()
                    ? Optional.of(node.get("jobId").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A name for the service that tells nothing about the user's file beyond its content's fingerprint. */
    private static String videoName(MediaFile file) {
        return (file.fingerprint().hashed() ? file.fingerprint().sha256().substring(0, 16)
                : java.util.UUID.randomUUID().toString().substring(0, 16)) + ".mp4";
    }

    private static BlobRef blobRef(JsonNode blob, ImageHeader aspectRatio) {
        try {
            return new BlobRef(blob, aspectRatio);
        } catch (IllegalArgumentException e) {
            throw new PlatformException.Transient("Bluesky answered an upload without a blob", null);
        }
    }
}
