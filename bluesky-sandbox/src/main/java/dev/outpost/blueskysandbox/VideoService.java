package dev.outpost.blueskysandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * The video service (FACTS §3): {@code getUploadLimits} with a service token for the service, {@code uploadVideo} with
 * a service token for the PDS's {@code uploadBlob}, a job per video that encodes for the configured time (the same
 * video again is a 409 {@code already_exists} naming its job), {@code getJobStatus} until the job completed with a blob
 * the account's PDS holds, or failed with the service's error. Daily quotas per account.
 */
final class VideoService {
    private final BlueskySandbox sandbox;
    private final SandboxState state;
    private final Pds pds;

    VideoService(BlueskySandbox sandbox, SandboxState state, Pds pds) {
        this.sandbox = sandbox;
        this.state = state;
        this.pds = pds;
    }

    void register(Map<String, BlueskySandbox.Handler> queries, Map<String, BlueskySandbox.Handler> procedures) {
        queries.put("app.bsky.video.getUploadLimits", this::getUploadLimits);
        procedures.put("app.bsky.video.uploadVideo", this::uploadVideo);
        queries.put("app.bsky.video.getJobStatus", this::getJobStatus);
    }

    private JsonNode getUploadLimits(Context ctx) {
        String did = serviceCaller(ctx, "app.bsky.video.getUploadLimits");
        long[] use = state.videoUse(did, sandbox.now());
        long videosLeft = Math.max(0, sandbox.config().dailyVideos() - use[0]);
        long bytesLeft = Math.max(0, sandbox.config().dailyVideoBytes() - use[1]);
        ObjectNode out = Jwts.JSON.createObjectNode().put("canUpload", videosLeft > 0 && bytesLeft > 0)
                .put("remainingDailyVideos", videosLeft).put("remainingDailyBytes", bytesLeft);
        if (videosLeft == 0 || bytesLeft == 0) {
            out.put("message", "You have uploaded too many videos today. Please try again tomorrow.")
                    .put("error", "daily_limit_exceeded");
        }
        return out;
    }

    private JsonNode uploadVideo(Context ctx) throws IOException {
        String did = serviceCaller(ctx, "com.atproto.repo.uploadBlob");
        String param = ctx.queryParam("did");
        if (param == null || !param.equals(did)) {
            throw new XrpcError(400, "InvalidRequest", "did does not match the token's issuer");
        }
        Instant now = sandbox.now();
        long[] use = state.videoUse(did, now);
        if (use[0] >= sandbox.config().dailyVideos() || use[1] >= sandbox.config().dailyVideoBytes()) {
            throw new XrpcError(429, "RateLimitExceeded", "You have uploaded too many videos today.");
        }
        SandboxState.Spooled spooled;
        try (InputStream body = ctx.bodyInputStream()) {
            spooled = state.spool(body, 100L * 1000 * 1000);
        }
        String sha = HexFormat.of().formatHex(spooled.sha256());
        synchronized (state) {
            for (SandboxState.Job job : state.jobs.values()) {
                if (job.did.equals(did) && job.sha256.equals(sha) && job.failure == null) {
                    throw new XrpcError(409, "already_exists", "Video already processed", Map.of(),
                            Map.of("jobId", job.id, "did", did, "state", stateOf(job, now)));
                }
            }
            use[0]++;
            use[1] += spooled.size();
            SandboxState.Job job = new SandboxState.Job(state.newJobId(), did, sha, spooled.file(), spooled.size(), now,
                    sandbox.faults().nextJobFailure().orElse(null));
            state.jobs.put(job.id, job);
            return Jwts.JSON.createObjectNode().set("jobStatus", status(job, now));
        }
    }

    private JsonNode getJobStatus(Context ctx) {
        String id = ctx.queryParam("jobId");
        synchronized (state) {
            SandboxState.Job job = state.jobs.get(id == null ? "" : id);
            if (job == null) {
                throw new XrpcError(404, "NotFound", "job not found");
            }
            return Jwts.JSON.createObjectNode().set("jobStatus", status(job, sandbox.now()));
        }
    }

    private ObjectNode status(SandboxState.Job job, Instant now) {
        ObjectNode out = Jwts.JSON.createObjectNode().put("jobId", job.id).put("did", job.did);
        String state = stateOf(job, now);
        out.put("state", state);
        switch (state) {
            case "JOB_STATE_FAILED" -> out.put("error", job.failure).put("message", "Video processing failed: "
                    + job.failure);
            case "JOB_STATE_COMPLETED" -> {
                out.put("progress", 100);
                out.set("blob", Pds.blobJson(blobOf(job)));
            }
            default -> out.put("progress", progress(job, now));
        }
        return out;
    }

    private String stateOf(SandboxState.Job job, Instant now) {
        if (job.failure != null) {
            return "JOB_STATE_FAILED";
        }
        return progress(job, now) >= 100 ? "JOB_STATE_COMPLETED" : "JOB_STATE_ENCODING";
    }

    private int progress(SandboxState.Job job, Instant now) {
        Duration encoding = sandbox.config().encodingTime();
        if (encoding.isZero() || encoding.isNegative()) {
            return 100;
        }
        long done = Duration.between(job.created, now).toMillis() * 100 / encoding.toMillis();
        return (int) Math.max(0, Math.min(100, done));
    }

    /** The encoded video as a blob of the account's PDS (the bytes as sent: this service encodes nothing). */
    private SandboxState.Blob blobOf(SandboxState.Job job) {
        if (job.blobCid == null) {
            SandboxState.Blob blob = new SandboxState.Blob(Cids.raw(HexFormat.of().parseHex(job.sha256)), job.did,
                    "video/mp4", job.size, job.file, false);
            state.blobs.putIfAbsent(blob.cid(), blob);
            job.blobCid = blob.cid();
        }
        return state.blobs.get(job.blobCid);
    }

    /** The DID a service token was issued by, for {@code method} and this service. */
    private String serviceCaller(Context ctx, String method) {
        JsonNode claims = pds.claims(ctx);
        if (!sandbox.serviceDid().equals(claims.path("aud").asText())) {
            throw new XrpcError(401, "AuthRequired", "Bad token audience: " + claims.path("aud").asText());
        }
        if (!method.equals(claims.path("lxm").asText())) {
            throw new XrpcError(401, "AuthRequired", "Bad token method: " + claims.path("lxm").asText());
        }
        if (claims.path("exp").asLong() <= sandbox.now().getEpochSecond()) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
        return claims.path("iss").asText();
    }
}
