package dev.outpost.ports.platform.fake;

import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PublishedPost;
import dev.outpost.ports.platform.RemoteUser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An in-memory platform behind the fakes of {@link dev.outpost.ports.platform.Authorizer},
 * {@link dev.outpost.ports.platform.MediaTransport} and {@link dev.outpost.ports.platform.PostPublisher}: users,
 * tokens, media and posts, one clock, a record of every call, and scripted faults. It behaves like X where the
 * contracts say so (rotating refresh tokens, PKCE S256, duplicate posts refused, media usable only once processed).
 *
 * <p>Faults are scripted per {@link Operation} and consumed in order: {@link #failNext} fails the next matching call
 * before it has any effect (refused, 5xx, 429, 401, a reset while sending); {@link #failNextAfterEffect} lets the
 * call take effect and then throws (the answer was lost: a read timeout after the server kept the segment or created
 * the post). Thread-safe: one lock guards all state.
 */
public final class FakePlatform {
    public static final String HOST = "fake.outpost.invalid";
    public static final String CLIENT_ID = "fake-client";
    public static final Set<String> SCOPES =
            Set.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");
    public static final RemoteUser DEFAULT_USER = new RemoteUser("1000000000000000001", "fake_user", "Fake User");
    static final Duration CODE_TTL = Duration.ofSeconds(30);

    private record Grant(String userId, Set<String> scopes, Instant expiresAt) {
    }

    record CodeGrant(String userId, String challenge, URI redirectUri, Instant expiresAt) {
    }

    private record ScriptedFault(Operation operation, int segmentIndex, PlatformException error, boolean afterEffect) {
        boolean matches(FakeCall call) {
            return operation == call.operation() && (segmentIndex < 0 || segmentIndex == call.segmentIndex());
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, RemoteUser> users = new LinkedHashMap<>();
    private final Map<String, Grant> accessTokens = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, CodeGrant> codes = new HashMap<>();
    private final List<ScriptedFault> faults = new ArrayList<>();
    private final List<FakeCall> calls = new ArrayList<>();
    private final List<PublishedPost> posts = new ArrayList<>();
    private final Map<String, String> postOwners = new HashMap<>();
    private long nextId = 1_900_000_000_000_000_000L;
    private Duration accessTokenTtl = Duration.ofHours(2);

    private final FakeAuthorizer authorizer;
    private final FakeMediaTransport mediaTransport;
    private final FakePostPublisher postPublisher;

    public FakePlatform(Clock clock) {
        this.clock = clock;
        users.put(DEFAULT_USER.id(), DEFAULT_USER);
        this.authorizer = new FakeAuthorizer(this);
        this.mediaTransport = new FakeMediaTransport(this);
        this.postPublisher = new FakePostPublisher(this);
    }

    public FakePlatform() {
        this(new FakeClock());
    }

    public Clock clock() {
        return clock;
    }

    public FakeAuthorizer authorizer() {
        return authorizer;
    }

    public FakeMediaTransport mediaTransport() {
        return mediaTransport;
    }

    public FakePostPublisher postPublisher() {
        return postPublisher;
    }

    // ---- users and tokens

    public synchronized void addUser(RemoteUser user) {
        users.put(user.id(), user);
    }

    /** Issues a token set for {@code user} directly, as if the user had connected. */
    public synchronized TokenSet issueTokens(RemoteUser user, Set<String> scopes) {
        users.putIfAbsent(user.id(), user);
        Instant expiresAt = clock.instant().plus(accessTokenTtl);
        String access = randomToken("at");
        accessTokens.put(access, new Grant(user.id(), Set.copyOf(scopes), expiresAt));
        String refresh = null;
        if (scopes.contains("offline.access")) {
            refresh = randomToken("rt");
            refreshTokens.put(refresh, new Grant(user.id(), Set.copyOf(scopes), Instant.MAX));
        }
        return TokenSet.issued(access, refresh, expiresAt, scopes);
    }

    /** Tokens for {@link #DEFAULT_USER} with every scope. */
    public TokenSet issueTokens() {
        return issueTokens(DEFAULT_USER, SCOPES);
    }

    /** How long access tokens issued from now on live (2 h by default, as on X). */
    public synchronized void accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = ttl;
    }

    /** Every access token issued so far stops working (the next use gets 401); refresh tokens still work. */
    public synchronized void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every refresh token stops working: the chain is lost and the user must connect again. */
    public synchronized void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** The consenting user's browser: follows an authorization URL and returns where it is sent back. */
    public URI approve(URI authorizationUrl) {
        return approve(authorizationUrl, DEFAULT_USER);
    }

    public synchronized URI approve(URI authorizationUrl, RemoteUser user) {
        Map<String, String> query = query(authorizationUrl);
        if (!"S256".equals(query.get("code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            throw new IllegalArgumentException("not a PKCE S256 code request: " + authorizationUrl);
        }
        users.putIfAbsent(user.id(), user);
        String code = randomToken("ac");
        URI redirect = URI.create(query.get("redirect_uri"));
        codes.put(code, new CodeGrant(user.id(), query.get("code_challenge"), redirect,
                clock.instant().plus(CODE_TTL)));
        return URI.create(redirect + (redirect.getRawQuery() == null ? "?" : "&") + "state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + "&code=" + code);
    }

    // ---- faults and settings

    /** The next call of {@code operation} fails with {@code error} before having any effect. */
    public synchronized void failNext(Operation operation, PlatformException error) {
        faults.add(new ScriptedFault(operation, -1, error, false));
    }

    /** The next {@code times} calls of {@code operation} fail with {@code error} before having any effect. */
    public synchronized void failNext(Operation operation, int times, PlatformException error) {
        for (int i = 0; i < times; i++) {
            failNext(operation, error);
        }
    }

    /** The next call of {@code operation} takes effect, then {@code error} is thrown: the answer was lost. */
    public synchronized void failNextAfterEffect(Operation operation, PlatformException error) {
        faults.add(new ScriptedFault(operation, -1, error, true));
    }

    /** The next APPEND of segment {@code index} (whatever the media id) fails before the segment is kept. */
    public synchronized void failAppend(int index, PlatformException error) {
        faults.add(new ScriptedFault(Operation.APPEND, index, error, false));
    }

    /** The next APPEND of segment {@code index} is kept, then {@code error} is thrown. */
    public synchronized void failAppendAfterEffect(int index, PlatformException error) {
        faults.add(new ScriptedFault(Operation.APPEND, index, error, true));
    }

    /** How many scripted faults have not fired yet. */
    public synchronized int pendingFaults() {
        return faults.size();
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** APPENDs above {@code bytes} get {@link PlatformException.PayloadTooLarge}, as X's 413. */
    public void limitSegmentBytes(long bytes) {
        mediaTransport.limitSegmentBytes(bytes);
    }

    /** What FINALIZE and then each STATUS of the next videos and GIFs answer; the last answer repeats. */
    public void processingScript(ProcessingStatus... statuses) {
        mediaTransport.processingScript(List.of(statuses));
    }

    // ---- what happened

    public synchronized List<FakeCall> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<FakeCall> calls(Operation operation) {
        return calls.stream().filter(c -> c.operation() == operation).toList();
    }

    /** Every post created, oldest first (including those whose answer was lost). */
    public synchronized List<PublishedPost> posts() {
        return List.copyOf(posts);
    }

    public Optional<String> altText(String mediaId) {
        return mediaTransport.altText(mediaId);
    }

    // ---- for the fakes

    /**
     * Runs one call: a scripted fault first, then {@code effect} under the lock, recording the call either way.
     * {@code effect} throws {@link PlatformException} for the fake's own refusals.
     */
    <T> T call(FakeCall call, Supplier<T> effect) {
        ScriptedFault fault = takeFault(call);
        if (fault != null && !fault.afterEffect()) {
            record(call.withOutcome("fault:" + kind(fault.error())));
            throw fault.error();
        }
        T result;
        try {
            synchronized (this) {
                result = effect.get();
            }
        } catch (PlatformException e) {
            record(call.withOutcome("refused:" + kind(e)));
            throw e;
        }
        if (fault != null) {
            record(call.withOutcome("ok+fault:" + kind(fault.error())));
            throw fault.error();
        }
        record(call);
        return result;
    }

    FakeCall newCall(Operation operation, String token, String mediaId, int segmentIndex, long bytes, String text) {
        return new FakeCall(operation, clock.instant(), token, mediaId, segmentIndex, bytes, text, "ok");
    }

    /** The user id behind a live access token that holds {@code scope}; call under the lock. */
    String requireToken(String accessToken, String scope) {
        Grant grant = accessTokens.get(accessToken);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            throw new PlatformException.Unauthorized("401 Unauthorized: the access token is invalid or expired");
        }
        if (!grant.scopes().contains(scope)) {
            throw new PlatformException.Forbidden(PlatformException.Forbidden.Reason.MISSING_SCOPE,
                    "403 Forbidden: the token lacks the " + scope + " scope");
        }
        return grant.userId();
    }

    RemoteUser user(String id) {
        return users.get(id);
    }

    CodeGrant takeCode(String code) {
        CodeGrant grant = codes.remove(code);
        return grant == null || !clock.instant().isBefore(grant.expiresAt()) ? null : grant;
    }

    /** Rotates: the old refresh token dies as the new pair is issued. Call under the lock. */
    TokenSet rotate(String refreshToken) {
        Grant grant = refreshTokens.remove(refreshToken);
        if (grant == null) {
            throw Faults.invalidGrant();
        }
        return issueTokens(users.get(grant.userId()), grant.scopes());
    }

    void revoke(String token) {
        accessTokens.remove(token);
        refreshTokens.remove(token);
    }

    String nextId() {
        return Long.toString(nextId++);
    }

    void addPost(String userId, PublishedPost post) {
        posts.add(post);
        postOwners.put(post.id(), userId);
    }

    List<PublishedPost> postsOf(String userId) {
        return posts.stream().filter(p -> userId.equals(postOwners.get(p.id()))).toList();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value,
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private synchronized ScriptedFault takeFault(FakeCall call) {
        for (Iterator<ScriptedFault> it = faults.iterator(); it.hasNext();) {
            ScriptedFault fault = it.next();
            if (fault.matches(call)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    private synchronized void record(FakeCall call) {
        calls.add(call);
    }

    private String randomToken(String suffix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + suffix;
    }

    private static String kind(PlatformException e) {
        return e.getClass().getSimpleName();
    }
}
