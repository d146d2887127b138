package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.RemoteUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.BreakIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A platform shaped like Bluesky: accounts on a personal data server, signed in with a handle and an app password
 * ({@link Operation#SIGN_IN}) to a session whose access token expires (2 h) and whose refresh token rotates with a
 * grace period; every request of a session presents its proof key (kept by the plugin in the credentials' plugin
 * state, as a proof-of-possession key would be) or is refused. Errors are names, not statuses: an expired token is a
 * 400 {@code ExpiredToken}, a bad one a 400 {@code InvalidToken}, a collected blob a 400 {@code BlobNotFound}. Media
 * is a blob ({@link Operation#UPLOAD}) that a post record embeds with its alt text; a record is created under a key the
 * client chooses (its idempotency key), and a second record under the same key is an opaque 500, so a lost answer is
 * settled by reading the record by its key ({@link Operation#READ_POST}); a reply names its thread's root and its
 * parent, each by URI and content id.
 */
public final class BlueskyShapedPlatform extends FakePlatform {
    public static final URI PDS = URI.create("https://pds.fake.invalid");
    public static final String APP_VIEW = "https://sky.fake.invalid";
    public static final RemoteUser DEFAULT_USER = new RemoteUser("did:plc:fakealice0000000000000000", "alice.fake.test",
            "alice.fake.test");
    public static final String DEFAULT_APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    public static final long BLOB_LIMIT = 5_242_880;
    public static final long IMAGE_LIMIT = 2_000_000;
    static final String COLLECTION = "app.bsky.feed.post";

    /** Counts user-perceived characters (grapheme clusters), as the platform limits text. */
    public static final TextMeasure GRAPHEMES = text -> {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        int count = 0;
        while (it.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    };

    /** A session as sign-in or refresh gives it. */
    record Session(String did, String handle, TokenSet tokens) {
    }

    /** An uploaded blob: its content id, type and size. */
    record Blob(String cid, String mimeType, long size) {
    }

    /** A reference to a record by URI and content id. */
    record StrongRef(String uri, String cid) {
    }

    /** One image or video of a record, with its alt text. */
    record Embedded(String cid, String alt) {
    }

    /** A post record as the plugin sends it. */
    record PostRecord(String text, List<Embedded> images, Embedded video, StrongRef root, StrongRef parent,
            List<String> langs, Instant createdAt) {
    }

    /** A record as read back: where it is, its content id, and what it says. */
    record Stored(String uri, String cid, String rkey, PostRecord record) {
    }

    private final String id;
    private final FakeTokens tokens;
    private final Map<String, String> appPasswords = new LinkedHashMap<>();
    private final Map<String, RemoteUser> users = new LinkedHashMap<>();
    private final Map<String, Stored> records = new LinkedHashMap<>();
    private volatile long blobLimit = BLOB_LIMIT;

    public BlueskyShapedPlatform(FakeClock clock, String pluginId) {
        super(clock);
        this.id = pluginId;
        this.tokens = new FakeTokens(clock, Duration.ofHours(2), true, Duration.ofHours(2));
        addUser(DEFAULT_USER, DEFAULT_APP_PASSWORD);
    }

    public BlueskyShapedPlatform(FakeClock clock) {
        this(clock, "fake-bluesky");
    }

    public BlueskyShapedPlatform() {
        this(new FakeClock());
    }

    // ---- the face every shape has

    @Override
    public PlatformPlugin plugin() {
        return new FakePlugin(id, "Fake Bluesky", context -> new BlueskyShapedRulebook(),
                context -> new BlueskyShapedAuthorizer(this), context -> new BlueskyShapedTransport(this),
                context -> new BlueskyShapedPublisher(this));
    }

    @Override
    public PlatformCapabilities capabilities() {
        return PlatformCapabilities.builder().processingHint(false).resumesUploads(false).altTextWithUpload(false)
                .refusesDuplicateText(false).deduplicatesByKey(false).signInMethods("app-password")
                .tokensExpire(true).refreshes(true).oldRefreshTokenDies(false).build();
    }

    @Override
    public RemoteUser defaultUser() {
        return DEFAULT_USER;
    }

    @Override
    public synchronized Connection connect() {
        TokenSet session = tokens.issue(DEFAULT_USER.id(), Set.of(), tokens.newToken("pk"));
        return new Connection(DEFAULT_USER.id(), DEFAULT_USER, PDS, session);
    }

    @Override
    public Map<String, String> signInFields() {
        return Map.of("handle", DEFAULT_USER.handle(), "app-password", DEFAULT_APP_PASSWORD);
    }

    @Override
    public RemoteUser whoIs(AccountAccess access) {
        return getSession(access.credentials());
    }

    @Override
    public synchronized void expireAccessTokens() {
        tokens.expireAccessTokens();
    }

    @Override
    public synchronized void revokeTokens() {
        tokens.revokeAll();
    }

    // ---- controls

    public synchronized void addUser(RemoteUser user, String appPassword) {
        users.put(user.id(), user);
        appPasswords.put(user.id(), appPassword);
    }

    /** Blobs above {@code bytes} get a 413 (5,242,880 by default, the reference server's). */
    public void limitBlobBytes(long bytes) {
        this.blobLimit = bytes;
    }

    /** How long access tokens issued from now on live (2 h by default). */
    public synchronized void accessTokenTtl(Duration ttl) {
        tokens.accessTtl(ttl);
    }

    // ---- the endpoints

    Session createSession(String identifier, String password) {
        return serve(newCall(Operation.SIGN_IN, null, identifier, -1, 0, null, null), () -> {
            RemoteUser user = users.values().stream().filter(u -> u.handle().equalsIgnoreCase(identifier)
                    || u.id().equals(identifier)).findFirst().orElse(null);
            if (user == null || !appPasswords.get(user.id()).equals(password)) {
                throw WireFault.http(401, "AuthenticationRequired", "Invalid identifier or password");
            }
            return new Session(user.id(), user.handle(), tokens.issue(user.id(), Set.of(), tokens.newToken("pk")));
        });
    }

    TokenSet refreshSession(String refreshJwt, String proofKey) {
        return serve(newCall(Operation.REFRESH, refreshJwt, null, -1, 0, null, null), () -> {
            try {
                return tokens.rotate(refreshJwt, proofKey);
            } catch (FakeTokens.Denied e) {
                throw tokenError(e.denial);
            }
        });
    }

    void deleteSession(String refreshJwt, String proofKey) {
        serve(newCall(Operation.REVOKE, refreshJwt, null, -1, 0, null, null), () -> {
            tokens.revoke(refreshJwt);
            return null;
        });
    }

    RemoteUser getSession(TokenSet credentials) {
        return serve(newCall(Operation.CURRENT_USER, credentials.accessToken(), null, -1, 0, null, null),
                () -> users.get(did(credentials)));
    }

    Blob uploadBlob(TokenSet credentials, MediaType type, byte[] bytes) {
        return serve(newCall(Operation.UPLOAD, credentials.accessToken(), null, -1, bytes.length, null, null), () -> {
            String did = did(credentials);
            if (bytes.length > blobLimit) {
                throw WireFault.http(413, "PayloadTooLarge", "request entity too large");
            }
            String cid = "bafkrei" + sha256(bytes).substring(0, 40);
            FakeMedia m = new FakeMedia(cid, did, type, bytes.length, null, List.of(ProcessingStep.succeeded()));
            m.keep(0, bytes);
            m.finalized = true;
            m.advance(clock.instant());
            FakeMedia before = media.get(cid);
            if (before == null || before.collected || !before.owner.equals(did)) {
                media.put(cid, m);
            }
            received(bytes.length);
            return new Blob(cid, type.mimeType(), bytes.length);
        });
    }

    Stored createRecord(TokenSet credentials, String repo, String rkey, PostRecord record) {
        return serve(newCall(Operation.PUBLISH, credentials.accessToken(), rkey, -1, 0, record.text(), rkey), () -> {
            String did = did(credentials);
            if (!did.equals(repo)) {
                throw WireFault.http(400, "InvalidRequest", "repo does not match the session");
            }
            String uri = "at://" + did + "/" + COLLECTION + "/" + rkey;
            if (records.containsKey(uri)) {
                throw WireFault.http(500, "InternalServerError", "Internal Server Error");
            }
            validate(did, record);
            String cid = "bafyrei" + sha256((uri + record).getBytes(StandardCharsets.UTF_8)).substring(0, 40);
            Stored stored = new Stored(uri, cid, rkey, record);
            records.put(uri, stored);
            List<Embedded> embedded = record.video() != null ? List.of(record.video()) : record.images();
            RemoteUser user = users.get(did);
            addPost(new FakePost(uri, did, record.text(), embedded.stream().map(Embedded::cid).toList(),
                    embedded.stream().map(Embedded::alt).map(a -> a.isEmpty() ? null : a).toList(),
                    record.parent() == null ? null : record.parent().uri(),
                    record.root() == null ? uri : record.root().uri(), rkey,
                    record.langs().isEmpty() ? Map.of() : Map.of("langs", String.join(",", record.langs())),
                    clock.instant(), webUrl(user.handle(), rkey)));
            return stored;
        });
    }

    /** The record, or a 400 {@code RecordNotFound}. {@code repo} is a DID or a handle. */
    Stored getRecord(TokenSet credentials, String repo, String rkey) {
        return serve(newCall(Operation.READ_POST, credentials == null ? null : credentials.accessToken(), rkey, -1, 0,
                null, null), () -> {
                    if (credentials != null) {
                        did(credentials);
                    }
                    String did = users.values().stream().filter(u -> u.id().equals(repo)
                            || u.handle().equalsIgnoreCase(repo)).map(RemoteUser::id).findFirst().orElse(repo);
                    Stored stored = records.get("at://" + did + "/" + COLLECTION + "/" + rkey);
                    if (stored == null) {
                        throw WireFault.http(400, "RecordNotFound", "Could not locate record: at://" + repo + "/"
                                + COLLECTION + "/" + rkey);
                    }
                    return stored;
                });
    }

    static URI webUrl(String handle, String rkey) {
        return URI.create(APP_VIEW + "/profile/" + handle + "/post/" + rkey);
    }

    @Override
    protected PlatformException map(Operation operation, WireFault fault) {
        if (fault.kind() == WireFault.Kind.HTTP) {
            switch (fault.error()) {
                case "ExpiredToken", "InvalidToken", "AuthMissing", "AuthenticationRequired" -> {
                    return new PlatformException.Unauthorized(fault.error() + ": " + fault.getMessage());
                }
                case "BlobNotFound" -> {
                    return new PlatformException.MediaExpired("BlobNotFound: " + fault.getMessage());
                }
                default -> {
                    // the statuses tell the rest
                }
            }
        }
        return mapCommon(operation, fault);
    }

    // ---- inside, under the lock

    private String did(TokenSet credentials) {
        try {
            return tokens.check(credentials.accessToken(), credentials.extra(), null).userId();
        } catch (FakeTokens.Denied e) {
            throw tokenError(e.denial);
        }
    }

    private static WireFault tokenError(FakeTokens.Denial denial) {
        return switch (denial) {
            case MISSING -> WireFault.http(401, "AuthMissing", "Authentication Required");
            case EXPIRED -> WireFault.http(400, "ExpiredToken", "Token has expired");
            case REVOKED -> WireFault.http(400, "ExpiredToken", "Token has been revoked");
            case UNBOUND -> WireFault.http(400, "InvalidToken", "Malformed token");
            default -> WireFault.http(400, "InvalidToken", "Token could not be verified");
        };
    }

    private void validate(String did, PostRecord record) {
        int graphemes = GRAPHEMES.weightedLength(record.text());
        if (graphemes > 300) {
            throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be "
                    + "longer than 300 graphemes (got " + graphemes + ")");
        }
        if (record.text().getBytes(StandardCharsets.UTF_8).length > 3000) {
            throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/text must not be "
                    + "longer than 3000 bytes");
        }
        if (record.video() != null && !record.images().isEmpty()) {
            throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: one embed only");
        }
        if (record.images().size() > 4) {
            throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/embed/images "
                    + "must not have more than 4 elements");
        }
        List<Embedded> all = new ArrayList<>(record.images());
        if (record.video() != null) {
            all.add(record.video());
        }
        for (Embedded e : all) {
            FakeMedia m = media.get(e.cid());
            if (m == null || m.collected || !m.owner.equals(did)) {
                throw WireFault.http(400, "BlobNotFound", "Could not find blob: " + e.cid());
            }
            if (record.video() == null && (m.kind() != MediaKind.IMAGE || m.declaredBytes > IMAGE_LIMIT)) {
                throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: an image is an "
                        + "image/* of at most " + IMAGE_LIMIT + " bytes");
            }
            if (record.video() != null && m.type != MediaType.MP4) {
                throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: a video is "
                        + "video/mp4");
            }
        }
        for (StrongRef ref : new StrongRef[] {record.root(), record.parent()}) {
            if (ref != null) {
                Stored target = records.get(ref.uri());
                if (target == null || !target.cid().equals(ref.cid())) {
                    throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: the reply "
                            + "names " + ref.uri() + " at a content id it does not have");
                }
            }
        }
        if ((record.root() == null) != (record.parent() == null)) {
            throw WireFault.http(400, "InvalidRequest", "Invalid app.bsky.feed.post record: a reply names its "
                    + "root and its parent");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
