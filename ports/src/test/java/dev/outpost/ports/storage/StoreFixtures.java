package dev.outpost.ports.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.PendingAuthorization;
import dev.outpost.domain.auth.PkceVerifier;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.FileFingerprint;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.Draft;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.upload.ChunkPlan;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.RemoteMedia;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadSession;
import dev.outpost.domain.upload.UploadTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test data for the store contracts: values with every optional part filled, and instants with nanoseconds. */
public final class StoreFixtures {
    public static final Instant T0 = Instant.parse("2031-03-04T05:06:07.123456789Z");

    private StoreFixtures() {
    }

    public static AccountId accountId(String userId) {
        return AccountId.of("x", userId);
    }

    public static Account account(String userId, String handle) {
        return new Account(accountId(userId), userId, handle, "Name of " + handle, AccountStatus.CONNECTED,
                T0.minusSeconds(3600).plusNanos(7));
    }

    public static TokenSet tokens(String tag) {
        return TokenSet.issued("access-" + tag + "-Zq8vR2", "refresh-" + tag + "-Kp3wY9",
                T0.plusSeconds(7200).plusNanos(11), Set.of("tweet.read", "tweet.write", "offline.access"));
    }

    public static String sha256(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    public static MediaFile file(String name, MediaType type, long size) {
        return new MediaFile(Path.of("/home/user/media dir/" + name), type,
                new FileFingerprint(size, T0.minusSeconds(86_400).plusNanos(987_654_321), sha256('a')));
    }

    public static UploadTarget target(String uploadId, long size) {
        return new UploadTarget(new UploadId(uploadId), accountId("42"), file("clip-" + uploadId + " é.mp4",
                MediaType.MP4, size));
    }

    public static RemoteMedia remote(String mediaId) {
        return new RemoteMedia(mediaId, T0.plus(Duration.ofHours(24)).plusNanos(3));
    }

    /** One session per state the journal must hold, keyed by a short name; upload ids are unique. */
    public static Map<String, UploadSession> sessionsInEveryState() {
        long size = 10_000_003L;
        Map<String, UploadSession> out = new LinkedHashMap<>();
        UploadSession.Appending initialized = UploadSession.initialized(target("u-init", size), remote("m1"),
                ChunkPlan.of(size, 4_000_000L));
        out.put("initialized", initialized);
        UploadSession.Appending appending = UploadSession.initialized(target("u-app", size), remote("m2"),
                ChunkPlan.of(size, 4_000_000L)).acknowledge(0).acknowledge(2);
        out.put("appending", appending);
        UploadSession.Appending split = UploadSession.initialized(target("u-split", size), remote("m3"),
                ChunkPlan.of(size, 4_000_000L)).acknowledge(0).split(1).acknowledge(1);
        out.put("split", split);
        UploadSession.Appending big = UploadSession.initialized(target("u-big", 999_999L), remote("m4"),
                ChunkPlan.of(999_999L, 1000L)).acknowledge(0).acknowledge(1).acknowledge(2).acknowledge(998);
        out.put("thousand segments", big);
        UploadSession.Appending done = UploadSession.initialized(target("u-fin", 10L), remote("m5"),
                ChunkPlan.of(10L, 4L)).acknowledge(0).acknowledge(1).acknowledge(2);
        out.put("finalizing", done.finalizing());
        UploadSession processing = UploadSession.initialized(target("u-proc", 10L), remote("m6"),
                ChunkPlan.of(10L, 4L)).acknowledge(0).acknowledge(1).acknowledge(2).finalizing()
                .finalized(new ProcessingStatus(ProcessingStatus.State.IN_PROGRESS, Duration.ofMillis(5_500), 37,
                        null));
        out.put("processing", processing);
        out.put("pending", UploadSession.initialized(target("u-pend", 10L), remote("m7"), ChunkPlan.of(10L))
                .acknowledge(0).finalizing().finalized(ProcessingStatus.pending(Duration.ofSeconds(1))));
        out.put("succeeded", new UploadSession.Succeeded(target("u-ok", 10L), remote("m8")));
        out.put("failed", new UploadSession.Failed(target("u-fail", 10L), remote("m9"),
                "InvalidMedia: the video's codec is not supported, line 1\nline 2"));
        out.put("failed before init", new UploadSession.Failed(target("u-fail0", 10L), null, "refused"));
        out.put("expired", new UploadSession.Expired(target("u-exp", 10L), remote("m10")));
        return out;
    }

    public static Draft fullDraft() {
        return new Draft("Hello, 世界 👋\nsecond line, with \"quotes\" and a comma",
                List.of(new MediaAttachment(file("one.png", MediaType.PNG, 1234), "A cat, sleeping"),
                        new MediaAttachment(file("two.jpg", MediaType.JPEG, 5678), null)),
                "1234567890", T0.plusSeconds(600).plusNanos(1));
    }

    /** A publication as the engine creates it (version 0, queued). */
    public static Publication queued(String id, String userId, Instant createdAt) {
        return Publication.queue(new PublicationId(id), accountId(userId), Draft.of("post " + id, List.of()),
                createdAt);
    }

    /** A publication with every optional field set. */
    public static Publication complete(String id) {
        Publication p = Publication.queue(new PublicationId(id), accountId("42"), fullDraft(), T0);
        return p.publishing(PublishIntent.of(p.draft().text(), List.of("m,1", "m2"), T0.plusNanos(5), 1),
                        T0.plusSeconds(1))
                .unconfirmed("timed out, reconciling", T0.plusSeconds(2));
    }

    public static PendingAuthorization pending(String platformId, Instant expiresAt) {
        String state = "state-" + UUID.randomUUID();
        return new PendingAuthorization(state, new PkceVerifier("v".repeat(43) + "-._~"), platformId,
                URI.create("http://127.0.0.1:8080/callback?x=1"), "session-7", expiresAt);
    }
}
