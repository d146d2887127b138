package dev.outpost.ports.platform.fake;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.media.MediaType;
import dev.outpost.domain.post.PlatformRules;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.domain.post.TextMeasure;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.RemoteUser;
import dev.outpost.ports.platform.Rulebook;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A platform shaped like X: one server; a browser sign-in with PKCE whose access tokens expire (2 h) and whose refresh
 * tokens rotate and die at once; images in one request ({@link Operation#UPLOAD}); videos and GIFs in parts
 * ({@link Operation#INITIALIZE}, {@link Operation#APPEND} by part index, {@link Operation#FINALIZE}), then processed
 * while {@link Operation#STATUS} answers with a "check after" hint (and a 429 to a poll before it); alt text set on
 * the media ({@link Operation#DESCRIBE}); the same text twice refused as duplicate content; a post with media gets a
 * short link appended to its stored text; no idempotency key, so a lost answer is settled by reading the account's
 * recent posts ({@link Operation#RECENT_POSTS}).
 *
 * <p>Failures on the wire are X's: 401 for any refused token, 403 with a reason, 413 for a part too large, 429 with a
 * reset, 5xx.
 */
public final class XShapedPlatform extends FakePlatform {
    public static final String HOST = "x.fake.invalid";
    public static final String CLIENT_ID = "fake-x-client";
    /** The plugin setting of the part size, in bytes (1 MiB by default). */
    public static final String PART_SIZE_SETTING = "OUTPOST_FAKEX_PART_SIZE";
    public static final Set<String> SCOPES =
            Set.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");
    public static final RemoteUser DEFAULT_USER = new RemoteUser("1000000000000000001", "fake_user", "Fake User");
    static final Duration CODE_TTL = Duration.ofSeconds(30);
    static final long MIB = 1L << 20;

    record CodeGrant(String userId, String challenge, URI redirectUri, Instant expiresAt) {
    }

    /** What an upload request answers: the media id, its expiry, and where processing stands. */
    record Uploaded(String mediaId, Instant expiresAt, ProcessingStep status) {
    }

    private final String id;
    private final FakeTokens tokens;
    private final Map<String, RemoteUser> users = new LinkedHashMap<>();
    private final Map<String, CodeGrant> codes = new HashMap<>();
    private final Map<MediaKind, Long> maxBytes = new EnumMap<>(Map.of(MediaKind.IMAGE, 5 * MIB, MediaKind.GIF,
            15 * MIB, MediaKind.VIDEO, 512 * MIB));
    private volatile long maxPartBytes = Long.MAX_VALUE;
    private volatile boolean rejectEarlyPolls = true;
    private volatile Duration mediaTtl = Duration.ofHours(24);
    private volatile List<ProcessingStep> script = List.of(ProcessingStep.pending(Duration.ofSeconds(1)),
            ProcessingStep.inProgress(Duration.ofSeconds(2), 50), ProcessingStep.succeeded());

    public XShapedPlatform(FakeClock clock, String pluginId) {
        super(clock);
        this.id = pluginId;
        this.tokens = new FakeTokens(clock, Duration.ofHours(2), true, Duration.ZERO);
        users.put(DEFAULT_USER.id(), DEFAULT_USER);
    }

    public XShapedPlatform(FakeClock clock) {
        this(clock, "fake");
    }

    public XShapedPlatform() {
        this(new FakeClock());
    }

    // ---- the face every shape has

    @Override
    public PlatformPlugin plugin() {
        return new FakePlugin(id, "Fake X", context -> rulebook(), context -> new XShapedAuthorizer(this),
                context -> new XShapedTransport(this, Long.parseLong(context.setting(PART_SIZE_SETTING,
                        Long.toString(MIB)))), context -> new XShapedPublisher(this));
    }

    @Override
    public PlatformCapabilities capabilities() {
        return PlatformCapabilities.builder().asynchronous(MediaKind.GIF, MediaKind.VIDEO).processingHint(true)
                .resumesUploads(true).altTextWithUpload(true).refusesDuplicateText(true).deduplicatesByKey(false)
                .signInMethods("oauth").tokensExpire(true).refreshes(true).oldRefreshTokenDies(true).build();
    }

    @Override
    public RemoteUser defaultUser() {
        return DEFAULT_USER;
    }

    @Override
    public Connection connect() {
        return new Connection(DEFAULT_USER.id(), DEFAULT_USER, null, issueTokens());
    }

    @Override
    public RemoteUser whoIs(AccountAccess access) {
        return me(access.accessToken());
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

    public synchronized void addUser(RemoteUser user) {
        users.put(user.id(), user);
    }

    /** Issues a token set for {@code user} directly, as if the user had connected. */
    public synchronized TokenSet issueTokens(RemoteUser user, Set<String> scopes) {
        users.putIfAbsent(user.id(), user);
        return tokens.issue(user.id(), scopes, null);
    }

    /** Tokens of {@link #DEFAULT_USER} with every scope. */
    public TokenSet issueTokens() {
        return issueTokens(DEFAULT_USER, SCOPES);
    }

    /** How long access tokens issued from now on live (2 h by default). */
    public synchronized void accessTokenTtl(Duration ttl) {
        tokens.accessTtl(ttl);
    }

    /** Refresh tokens stop working (the chain is lost); access tokens work until they expire. */
    public synchronized void revokeRefreshTokens() {
        tokens.forgetRefreshTokens();
    }

    /** Parts above {@code bytes} get a 413. */
    public void limitPartBytes(long bytes) {
        this.maxPartBytes = bytes;
    }

    /** The size cap of one file of {@code kind}, refused at upload with a 400 (5, 15, 512 MiB by default). */
    public synchronized void limitBytes(MediaKind kind, long bytes) {
        maxBytes.put(kind, bytes);
    }

    /** What FINALIZE and then each STATUS of the next videos and GIFs answer; the last answer repeats. */
    public void processingScript(ProcessingStep... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("a processing script needs at least one step");
        }
        this.script = List.of(steps);
    }

    /** Whether a STATUS before the last hint has passed is refused with a 429 (default true). */
    public void rejectEarlyStatusPolls(boolean reject) {
        this.rejectEarlyPolls = reject;
    }

    /** How long media ids from now on stay usable (24 h by default). */
    public void mediaTtl(Duration ttl) {
        this.mediaTtl = ttl;
    }

    /** The rules the plugin states: 280 characters, 4 images or 1 GIF or 1 video, 5/15/512 MiB, 1000 alt chars. */
    public PlatformRules rules() {
        return new PlatformRules("Fake X", List.of(new TextLimit("characters", TextMeasure.CODE_POINTS, 280)),
                List.of(Map.of(MediaKind.IMAGE, 4), Map.of(MediaKind.GIF, 1), Map.of(MediaKind.VIDEO, 1)),
                Map.of(MediaKind.IMAGE, 5 * MIB, MediaKind.GIF, 15 * MIB, MediaKind.VIDEO, 512 * MIB),
                Set.of(MediaType.JPEG, MediaType.PNG, MediaType.WEBP, MediaType.GIF, MediaType.MP4, MediaType.MOV),
                1000, List.of());
    }

    @Override
    public URI approve(URI authorizationUrl) {
        return approve(authorizationUrl, DEFAULT_USER);
    }

    public synchronized URI approve(URI authorizationUrl, RemoteUser user) {
        Map<String, String> query = query(authorizationUrl);
        if (!"S256".equals(query.get("code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            throw new IllegalArgumentException("not a PKCE S256 code request: " + authorizationUrl);
        }
        users.putIfAbsent(user.id(), user);
        String code = tokens.newToken("ac");
        URI redirect = URI.create(query.get("redirect_uri"));
        codes.put(code, new CodeGrant(user.id(), query.get("code_challenge"), redirect,
                clock.instant().plus(CODE_TTL)));
        return URI.create(redirect + (redirect.getRawQuery() == null ? "?" : "&") + "state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + "&code=" + code);
    }

    // ---- the endpoints (what the plugin's requests reach)

    TokenSet exchange(String code, URI redirectUri, String verifierChallenge) {
        return serve(newCall(Operation.EXCHANGE, null, null, -1, 0, null, null), () -> {
            CodeGrant grant = codes.remove(code);
            if (grant == null || !clock.instant().isBefore(grant.expiresAt()) || !grant.redirectUri()
                    .equals(redirectUri) || !grant.challenge().equals(verifierChallenge)) {
                throw WireFault.http(400, "invalid_request", "Value passed for the authorization code was invalid.");
            }
            return tokens.issue(grant.userId(), SCOPES, null);
        });
    }

    TokenSet refresh(String refreshToken) {
        return serve(newCall(Operation.REFRESH, refreshToken, null, -1, 0, null, null), () -> {
            try {
                return tokens.rotate(refreshToken, null);
            } catch (FakeTokens.Denied e) {
                throw WireFault.http(400, "invalid_request", "Value passed for the token was invalid.");
            }
        });
    }

    void revoke(String token) {
        serve(newCall(Operation.REVOKE, token, null, -1, 0, null, null), () -> {
            tokens.revoke(token);
            return null;
        });
    }

    RemoteUser me(String token) {
        return serve(newCall(Operation.CURRENT_USER, token, null, -1, 0, null, null),
                () -> users.get(user(token, "users.read")));
    }

    Uploaded simpleUpload(String token, MediaType type, byte[] bytes) {
        return serve(newCall(Operation.UPLOAD, token, null, -1, bytes.length, null, null), () -> {
            FakeMedia m = create(user(token, "media.write"), type, bytes.length);
            m.keep(0, bytes);
            received(bytes.length);
            m.finalized = true;
            m.advance(clock.instant());
            return new Uploaded(m.id, m.expiresAt, m.status);
        });
    }

    Uploaded initialize(String token, MediaType type, long totalBytes) {
        return serve(newCall(Operation.INITIALIZE, token, null, -1, 0, null, null), () -> {
            FakeMedia m = create(user(token, "media.write"), type, totalBytes);
            return new Uploaded(m.id, m.expiresAt, null);
        });
    }

    void append(String token, String mediaId, int index, byte[] bytes) {
        serve(newCall(Operation.APPEND, token, mediaId, index, bytes.length, null, null), () -> {
            FakeMedia m = open(token, mediaId);
            if (m.finalized) {
                throw WireFault.http(400, "invalid-request", "media " + mediaId + " is already finalized");
            }
            if (bytes.length > maxPartBytes) {
                throw WireFault.http(413, "payload-too-large", "413 Payload Too Large: part " + index + " has "
                        + bytes.length + " bytes, over " + maxPartBytes);
            }
            if (!m.lengths.containsKey(index)) {
                received(bytes.length);
            }
            m.keep(index, bytes);
            return null;
        });
    }

    ProcessingStep finalizeUpload(String token, String mediaId) {
        return serve(newCall(Operation.FINALIZE, token, mediaId, -1, 0, null, null), () -> {
            FakeMedia m = open(token, mediaId);
            if (m.finalized) {
                return m.status;
            }
            for (int i = 0; i < m.lengths.size(); i++) {
                if (!m.lengths.containsKey(i)) {
                    throw WireFault.http(400, "invalid-request", "part " + i + " of media " + mediaId
                            + " is missing");
                }
            }
            if (m.received() != m.declaredBytes) {
                throw WireFault.http(400, "invalid-request", "media " + mediaId + " received " + m.received()
                        + " bytes, but " + m.declaredBytes + " were announced");
            }
            m.finalized = true;
            return m.advance(clock.instant());
        });
    }

    ProcessingStep status(String token, String mediaId) {
        return serve(newCall(Operation.STATUS, token, mediaId, -1, 0, null, null), () -> {
            FakeMedia m = open(token, mediaId);
            if (!m.finalized) {
                throw WireFault.http(400, "invalid-request", "media " + mediaId + " is not finalized");
            }
            if (m.status.isDone()) {
                return m.status;
            }
            Instant now = clock.instant();
            if (rejectEarlyPolls && now.isBefore(m.nextPollAt)) {
                throw WireFault.tooManyRequests(m.nextPollAt);
            }
            return m.advance(now);
        });
    }

    void metadata(String token, String mediaId, String altText) {
        serve(newCall(Operation.DESCRIBE, token, mediaId, -1, 0, altText, null), () -> {
            FakeMedia m = open(token, mediaId);
            if (altText.codePointCount(0, altText.length()) > 1000) {
                throw WireFault.http(400, "invalid-request", "alt text over 1000 characters");
            }
            m.altText = altText;
            return null;
        });
    }

    FakePost createPost(String token, String text, List<String> mediaIds, String replyToId) {
        return serve(newCall(Operation.PUBLISH, token, null, -1, 0, text, null), () -> {
            String userId = user(token, "tweet.write");
            if (!text.isEmpty() && posts().stream().anyMatch(p -> p.author().equals(userId)
                    && XShapedPublisher.withoutMediaLink(p.text()).equals(text))) {
                throw WireFault.http(403, "duplicate", "You are not allowed to create a Tweet with duplicate "
                        + "content.");
            }
            if (text.isEmpty() && mediaIds.isEmpty()) {
                throw WireFault.http(400, "invalid-request", "a post needs text or media");
            }
            Instant now = clock.instant();
            for (String mediaId : mediaIds) {
                FakeMedia m = media.get(mediaId);
                if (m == null || !m.owner.equals(userId) || !m.isUsableAt(now)) {
                    throw WireFault.http(400, "invalid-request", "Your media IDs are invalid.");
                }
            }
            FakePost parent = null;
            if (replyToId != null) {
                parent = post(replyToId).orElseThrow(() -> WireFault.http(400, "invalid-request",
                        "the post " + replyToId + " to reply to does not exist"));
            }
            String id = nextId();
            String stored = mediaIds.isEmpty() ? text : (text + " https://t.co/" + Long.toString(Long.parseLong(id)
                    % 1_000_000_007L, 36)).strip();
            FakePost post = new FakePost(id, userId, stored, mediaIds, mediaIds.stream()
                    .map(mid -> media.get(mid).altText).toList(), parent == null ? null : parent.id(),
                    parent == null ? id : parent.root(), null, Map.of(), now, postUrl(userId, id));
            addPost(post);
            return post;
        });
    }

    List<FakePost> recentPosts(String token, String userId, Instant since) {
        return serve(newCall(Operation.RECENT_POSTS, token, userId, -1, 0, null, null), () -> {
            user(token, "tweet.read");
            if (!users.containsKey(userId)) {
                throw WireFault.http(404, "resource-not-found", "no user " + userId);
            }
            return posts().stream().filter(p -> p.author().equals(userId) && !p.createdAt().isBefore(since))
                    .sorted(Comparator.comparing(FakePost::createdAt).thenComparing(p -> Long.parseLong(p.id()))
                            .reversed())
                    .limit(100).toList();
        });
    }

    URI postUrl(String userId, String postId) {
        RemoteUser user = users.get(userId);
        return URI.create("https://" + HOST + "/" + (user == null ? "i" : user.handle()) + "/status/" + postId);
    }

    @Override
    protected PlatformException map(Operation operation, WireFault fault) {
        return mapCommon(operation, fault);
    }

    // ---- inside, under the lock

    private Rulebook rulebook() {
        return new Rulebook() {
            @Override
            public PlatformRules rules(Account account) {
                return XShapedPlatform.this.rules();
            }

            @Override
            public PlatformRules defaults() {
                return XShapedPlatform.this.rules();
            }
        };
    }

    private String user(String token, String scope) {
        try {
            return tokens.check(token, null, scope).userId();
        } catch (FakeTokens.Denied e) {
            if (e.denial == FakeTokens.Denial.MISSING_SCOPE) {
                throw WireFault.http(403, "scope", "403 Forbidden: the token lacks the " + scope + " scope");
            }
            throw WireFault.http(401, "Unauthorized", "401 Unauthorized");
        }
    }

    private FakeMedia create(String userId, MediaType type, long totalBytes) {
        long max = maxBytes.getOrDefault(type.kind(), 0L);
        if (totalBytes > max) {
            throw WireFault.http(400, "invalid-request", "File size exceeds " + max + " bytes.");
        }
        FakeMedia m = new FakeMedia(nextId(), userId, type, totalBytes, clock.instant().plus(mediaTtl),
                type.kind() == MediaKind.IMAGE ? List.of(ProcessingStep.succeeded()) : script);
        media.put(m.id, m);
        return m;
    }

    private FakeMedia open(String token, String mediaId) {
        String userId = user(token, "media.write");
        FakeMedia m = media.get(mediaId);
        if (m == null || !m.owner.equals(userId) || m.collected) {
            throw WireFault.http(400, "invalid-request", "media " + mediaId + " not found");
        }
        if (!clock.instant().isBefore(m.expiresAt)) {
            throw WireFault.http(400, "invalid-request", "media " + mediaId + " has expired");
        }
        return m;
    }
}
