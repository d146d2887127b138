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
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Placement;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.post.PublishIntent;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.domain.upload.UploadId;
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

    /** An account of a platform with many servers. */
    public static Account accountOnServer(String localId, String handle, String server) {
        return new Account(AccountId.of("example", localId), localId, handle, "Name of " + handle,
                URI.create(server), AccountStatus.CONNECTED, T0.minusSeconds(60).plusNanos(9));
    }

    public static TokenSet tokens(String tag) {
        return TokenSet.issued("access-" + tag + "-Zq8vR2", "refresh-" + tag + "-Kp3wY9",
                T0.plusSeconds(7200).plusNanos(11), Set.of("tweet.read", "tweet.write", "offline.access"));
    }

    /** Tokens that never expire, with no refresh token, and plugin state (a proof-of-possession key, say). */
    public static TokenSet tokensWithExtra(String tag) {
        return new TokenSet("access-" + tag + "-Lm4tX1", null, null, Set.of("write"),
                "{\"dpop\":\"key-" + tag + "\",\"pds\":\"https://pds.example\"}\né", 0);
    }

    public static String sha256(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    public static MediaFile file(String name, MediaType type, long size) {
        return new MediaFile(Path.of("/home/user/media dir/" + name), type,
                new FileFingerprint(size, T0.minusSeconds(86_400).plusNanos(987_654_321), sha256('a')));
    }

    /** A hashed video of {@code size} bytes, named after the upload. */
    public static MediaFile video(String uploadId, long size) {
        return file("clip-" + uploadId + " é.mp4", MediaType.MP4, size);
    }

    /** A checkpoint of a video upload just begun: nothing acknowledged, state as a plugin might keep it. */
    public static UploadCheckpoint checkpoint(String uploadId, long size) {
        return new UploadCheckpoint(new UploadId(uploadId), accountId("42"), video(uploadId, size),
                UploadCheckpoint.Phase.UPLOADING, "{\"media\":\"m-" + uploadId + "\",\"parts\":\"\"}", 0,
                T0.plus(Duration.ofHours(24)).plusNanos(3));
    }

    /** The same upload further on: {@code bytes} acknowledged, the plugin's state moved with it. */
    public static UploadCheckpoint advanced(UploadCheckpoint c, UploadCheckpoint.Phase phase, String state,
            long bytes) {
        return new UploadCheckpoint(c.id(), c.account(), c.file(), phase, state, bytes, c.expiresAt());
    }

    /** One checkpoint per kind the journal must hold, keyed by a short name; upload ids are unique. */
    public static Map<String, UploadCheckpoint> checkpointsOfEveryKind() {
        long size = 10_000_003L;
        Map<String, UploadCheckpoint> out = new LinkedHashMap<>();
        out.put("just begun", checkpoint("u-begun", size));
        out.put("part way", advanced(checkpoint("u-part", size), UploadCheckpoint.Phase.UPLOADING,
                "media=m2;parts=0-3,5;chunk=1048576", 5_242_880));
        out.put("processing", advanced(checkpoint("u-proc", size), UploadCheckpoint.Phase.PROCESSING,
                "job:7f3a\n\"quoted\", with commas, é 👋", size));
        out.put("ready", advanced(checkpoint("u-ready", size), UploadCheckpoint.Phase.READY, "m-ready-1999", size));
        out.put("never expires", new UploadCheckpoint(new UploadId("u-forever"), AccountId.of("example",
                "server.example:109"), file("photo.png", MediaType.PNG, 0), UploadCheckpoint.Phase.UPLOADING, "", 0,
                null));
        out.put("unhashed", new UploadCheckpoint(new UploadId("u-unhashed"), accountId("43"),
                new MediaFile(Path.of("relative/clip.webm"), MediaType.WEBM,
                        FileFingerprint.unhashed(77, T0.minusNanos(1))), UploadCheckpoint.Phase.UPLOADING,
                "x".repeat(200_000), 77, T0));
        return out;
    }

    public static Draft fullDraft() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("visibility", "unlisted");
        options.put("spoiler", "a, b \\ c=d; 🙈");
        options.put("empty", "");
        return new Draft("Hello, 世界 👋\nsecond line, with \"quotes\" and a comma",
                List.of(new MediaAttachment(file("one.png", MediaType.PNG, 1234), "A cat, sleeping"),
                        new MediaAttachment(file("two.jpg", MediaType.JPEG, 5678), null)),
                "at://did:plc:abc/app.bsky.feed.post/3k2a|bafyreib2rxk3rh6kzwq", T0.plusSeconds(600).plusNanos(1),
                options);
    }

    /** The post a publication made, with a link and a reply reference other than its id. */
    public static RemotePost remotePost(String id) {
        return new RemotePost(id, URI.create("https://social.example/@alice/" + id), "ref:" + id + "|cid-9");
    }

    /** A publication as the engine creates it (version 0, queued). */
    public static Publication queued(String id, String userId, Instant createdAt) {
        return Publication.queue(new PublicationId(id), accountId(userId), Draft.of("post " + id, List.of()),
                "key-" + id, createdAt);
    }

    /** A publication with every optional field set. */
    public static Publication complete(String id) {
        Publication p = Publication.queue(new PublicationId(id), accountId("42"), fullDraft(),
                "3k2a" + id + "-Idem_~.key", T0);
        return p.publishing(PublishIntent.of(p.draft().text(), List.of("m,1", "m2"), T0.plusNanos(5), 1),
                        T0.plusSeconds(1))
                .unconfirmed("timed out, reconciling", T0.plusSeconds(2));
    }

    /**
     * A thread of {@code items} queued publications for one account in {@code group}, ids {@code <prefix>-0…}, each
     * following the one before.
     */
    public static List<Publication> thread(GroupId group, String prefix, String userId, int items) {
        List<Publication> out = new java.util.ArrayList<>();
        Placement placement = Placement.first(group);
        for (int i = 0; i < items; i++) {
            PublicationId id = new PublicationId(prefix + "-" + i);
            out.add(Publication.queue(id, accountId(userId), Draft.of("post " + i + " of " + prefix, List.of()),
                    "key-" + id, T0.plusNanos(i), placement));
            placement = placement.next(id);
        }
        return out;
    }

    public static PendingAuthorization pending(String platformId, Instant expiresAt) {
        String state = "state-" + UUID.randomUUID();
        return new PendingAuthorization(state, new PkceVerifier("v".repeat(43) + "-._~"), platformId,
                URI.create("http://127.0.0.1:8080/callback?x=1"), "session-7", expiresAt);
    }

    /** A pending authorization carrying its plugin's state (the server chosen, a key pair). */
    public static PendingAuthorization pendingWithState(String platformId, Instant expiresAt) {
        return pending(platformId, expiresAt).withPluginState("server=https://social.example;dpop={\"d\":\"é\"}");
    }
}
