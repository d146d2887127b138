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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A platform shaped like Mastodon: many servers, each with its own users, its own limits
 * ({@link Operation#SERVER_LIMITS}), and its own client registrations ({@link Operation#REGISTER_CLIENT}, kept by the
 * plugin in its vault, once per server); a browser sign-in with PKCE whose tokens never expire and cannot be refreshed
 * (a revoked token answers 401 until the user connects again); media in one request ({@link Operation#UPLOAD}, alt
 * text included) answered "processing" for videos and GIFs, then polled ({@link Operation#STATUS}) without any hint;
 * posts that carry an idempotency key, remembered an hour, so that sending the same request again gives the same
 * post; options for visibility and a content warning.
 *
 * <p>Failures on the wire are Mastodon's: 401, 404, 422 with the validation message, 429 with a reset, 5xx.
 */
public final class MastodonShapedPlatform extends FakePlatform {
    public static final URI DEFAULT_SERVER = URI.create("https://social.fake.invalid");
    public static final Set<String> SCOPES = Set.of("write:media", "write:statuses", "read:accounts");
    public static final RemoteUser DEFAULT_USER = new RemoteUser("109000000000000001", "alice", "Alice");
    static final Duration KEY_MEMORY = Duration.ofHours(1);
    static final Duration MEDIA_LIFETIME = Duration.ofHours(24);
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern MENTION = Pattern.compile("(@\\w+)@[\\w.-]+\\w");

    /** A server's limits as its instance endpoint states them. */
    public record Limits(int maxCharacters, int maxMedia, int charactersPerUrl, long imageBytes, long videoBytes,
            int descriptionLimit) {
        public static final Limits STOCK = new Limits(500, 4, 23, 16L << 20, 99L << 20, 1500);
    }

    record Client(String id, String secret, URI redirectUri) {
    }

    record CodeGrant(String userId, String clientId, String challenge, URI redirectUri, Instant expiresAt) {
    }

    /** What an upload request answers: the media id and whether it is ready (200) or processing (202). */
    record Uploaded(String mediaId, boolean ready) {
    }

    record Remembered(String postId, Instant at) {
    }

    /** One server of the platform. */
    final class Server {
        final URI uri;
        final FakeTokens tokens = new FakeTokens(clock, null, false, Duration.ZERO);
        final Map<String, RemoteUser> users = new LinkedHashMap<>();
        final Map<String, Client> clients = new HashMap<>();
        final Map<String, CodeGrant> codes = new HashMap<>();
        final Map<String, Remembered> keys = new HashMap<>();
        volatile Limits limits = Limits.STOCK;

        Server(URI uri) {
            this.uri = uri;
        }

        String host() {
            return uri.getHost();
        }
    }

    private final String id;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private volatile List<ProcessingStep> script = List.of(ProcessingStep.pending(Duration.ZERO),
            ProcessingStep.inProgress(Duration.ZERO, -1), ProcessingStep.succeeded());

    public MastodonShapedPlatform(FakeClock clock, String pluginId) {
        super(clock);
        this.id = pluginId;
        addServer(DEFAULT_SERVER);
        server(DEFAULT_SERVER).users.put(DEFAULT_USER.id(), DEFAULT_USER);
    }

    public MastodonShapedPlatform(FakeClock clock) {
        this(clock, "fake-mastodon");
    }

    public MastodonShapedPlatform() {
        this(new FakeClock());
    }

    // ---- the face every shape has

    @Override
    public PlatformPlugin plugin() {
        return new FakePlugin(id, "Fake Mastodon", context -> new MastodonShapedRulebook(this),
                context -> new MastodonShapedAuthorizer(this, context.vault()),
                context -> new MastodonShapedTransport(this, context.clock()),
                context -> new MastodonShapedPublisher(this));
    }

    @Override
    public PlatformCapabilities capabilities() {
        return PlatformCapabilities.builder().asynchronous(MediaKind.GIF, MediaKind.VIDEO).processingHint(false)
                .resumesUploads(true).altTextWithUpload(true).refusesDuplicateText(false).deduplicatesByKey(true)
                .signInMethods("oauth").tokensExpire(false).refreshes(false).oldRefreshTokenDies(false).build();
    }

    @Override
    public RemoteUser defaultUser() {
        return DEFAULT_USER;
    }

    @Override
    public Connection connect() {
        return connect(DEFAULT_SERVER, DEFAULT_USER);
    }

    /** {@code user} of {@code server} connected with a fresh token. */
    public synchronized Connection connect(URI server, RemoteUser user) {
        Server s = server(server);
        s.users.putIfAbsent(user.id(), user);
        return new Connection(s.host() + ":" + user.id(), user, s.uri, s.tokens.issue(user.id(), SCOPES, null));
    }

    @Override
    public Map<String, String> signInFields() {
        return Map.of("server", DEFAULT_SERVER.getHost());
    }

    @Override
    public RemoteUser whoIs(AccountAccess access) {
        return verifyCredentials(access.account().server(), access.accessToken());
    }

    /** Tokens of this platform never expire: nothing happens. */
    @Override
    public void expireAccessTokens() {
    }

    @Override
    public synchronized void revokeTokens() {
        servers.values().forEach(s -> s.tokens.revokeAll());
    }

    // ---- controls

    /** Adds a server (its users and limits start empty and stock); returns its address. */
    public synchronized URI addServer(URI uri) {
        return servers.computeIfAbsent(uri.getHost(), h -> new Server(URI.create("https://" + h))).uri;
    }

    /** Changes a server's limits, as its administrator would. */
    public synchronized void limits(URI server, Limits limits) {
        server(server).limits = limits;
    }

    /** The user revokes one token (at the platform's settings page): its next use answers 401. */
    public synchronized void revoke(TokenSet tokens) {
        servers.values().forEach(s -> s.tokens.revoke(tokens.accessToken()));
    }

    /** What the upload of the next videos and GIFs answers, then each poll; hints are never told. */
    public void processingScript(ProcessingStep... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("a processing script needs at least one step");
        }
        this.script = List.of(steps);
    }

    /** How many clients are registered with {@code server}. */
    public synchronized int clients(URI server) {
        return server(server).clients.size();
    }

    @Override
    public URI approve(URI authorizationUrl) {
        return approve(authorizationUrl, DEFAULT_USER);
    }

    public synchronized URI approve(URI authorizationUrl, RemoteUser user) {
        Server s = server(authorizationUrl);
        Map<String, String> query = query(authorizationUrl);
        Client client = s.clients.get(query.get("client_id"));
        URI redirect = URI.create(query.get("redirect_uri"));
        if (client == null || !client.redirectUri().equals(redirect) || !"S256".equals(query.get(
                "code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            throw new IllegalArgumentException("not a PKCE S256 code request of a registered client: "
                    + authorizationUrl);
        }
        s.users.putIfAbsent(user.id(), user);
        String code = s.tokens.newToken("ac");
        s.codes.put(code, new CodeGrant(user.id(), client.id(), query.get("code_challenge"), redirect,
                clock.instant().plusSeconds(600)));
        return URI.create(redirect + (redirect.getRawQuery() == null ? "?" : "&") + "code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    }

    /** How the platform counts a post's text: characters, every link as {@code charactersPerUrl}, mentions short. */
    public static TextMeasure measure(int charactersPerUrl) {
        return text -> {
            if (text == null) {
                return 0;
            }
            String shortened = MENTION.matcher(text).replaceAll("$1");
            java.util.regex.Matcher m = URL.matcher(shortened);
            int urls = 0;
            StringBuilder rest = new StringBuilder();
            while (m.find()) {
                urls++;
                m.appendReplacement(rest, "");
            }
            m.appendTail(rest);
            return rest.codePointCount(0, rest.length()) + urls * charactersPerUrl;
        };
    }

    // ---- the endpoints

    Client registerClient(URI server, URI redirectUri) {
        return serve(newCall(Operation.REGISTER_CLIENT, null, server.getHost(), -1, 0, null, null), () -> {
            Server s = known(server);
            Client client = new Client(s.tokens.newToken("ci"), s.tokens.newToken("cs"), redirectUri);
            s.clients.put(client.id(), client);
            return client;
        });
    }

    String exchange(URI server, String clientId, String clientSecret, String code, URI redirectUri,
            String challenge) {
        return serve(newCall(Operation.EXCHANGE, null, server.getHost(), -1, 0, null, null), () -> {
            Server s = known(server);
            Client client = s.clients.get(clientId);
            if (client == null || !client.secret().equals(clientSecret)) {
                throw WireFault.http(401, "invalid_client", "Client authentication failed");
            }
            CodeGrant grant = s.codes.remove(code);
            if (grant == null || !grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)
                    || !grant.challenge().equals(challenge) || !clock.instant().isBefore(grant.expiresAt())) {
                throw WireFault.http(400, "invalid_grant", "The provided authorization grant is invalid, expired, "
                        + "revoked, does not match the redirection URI used in the authorization request, or was "
                        + "issued to another client.");
            }
            return s.tokens.issue(grant.userId(), SCOPES, null).accessToken();
        });
    }

    void revokeToken(URI server, String token) {
        serve(newCall(Operation.REVOKE, token, server.getHost(), -1, 0, null, null), () -> {
            known(server).tokens.revoke(token);
            return null;
        });
    }

    RemoteUser verifyCredentials(URI server, String token) {
        return serve(newCall(Operation.CURRENT_USER, token, server.getHost(), -1, 0, null, null), () -> {
            Server s = known(server);
            return s.users.get(user(s, token));
        });
    }

    Limits instance(URI server) {
        return serve(newCall(Operation.SERVER_LIMITS, null, server.getHost(), -1, 0, null, null),
                () -> known(server).limits);
    }

    Uploaded uploadMedia(URI server, String token, MediaType type, byte[] bytes, String description) {
        return serve(newCall(Operation.UPLOAD, token, null, -1, bytes.length, description, null), () -> {
            Server s = known(server);
            String userId = user(s, token);
            long max = type.kind() == MediaKind.VIDEO ? s.limits.videoBytes() : s.limits.imageBytes();
            if (bytes.length > max) {
                throw WireFault.http(413, "", "File is too large (over " + max + " bytes)");
            }
            if (description != null && description.codePointCount(0, description.length())
                    > s.limits.descriptionLimit()) {
                throw WireFault.http(422, "", "Validation failed: Description is too long (maximum is "
                        + s.limits.descriptionLimit() + " characters)");
            }
            FakeMedia m = new FakeMedia(nextId(), s.host() + ":" + userId, type, bytes.length,
                    clock.instant().plus(MEDIA_LIFETIME), type.kind() == MediaKind.IMAGE
                            ? List.of(ProcessingStep.succeeded()) : script);
            m.keep(0, bytes);
            m.altText = description;
            m.finalized = true;
            m.advance(clock.instant());
            media.put(m.id, m);
            received(bytes.length);
            return new Uploaded(m.id, m.isReady());
        });
    }

    /** True once processed (200), false while processing (206); 404 when gone, 422 when processing failed. */
    boolean mediaStatus(URI server, String token, String mediaId) {
        return serve(newCall(Operation.STATUS, token, mediaId, -1, 0, null, null), () -> {
            Server s = known(server);
            FakeMedia m = ownMedia(s, user(s, token), mediaId);
            if (m == null) {
                throw WireFault.http(404, "", "Record not found");
            }
            ProcessingStep step = m.status.isDone() ? m.status : m.advance(clock.instant());
            if (step.state() == ProcessingStep.State.FAILED) {
                throw WireFault.http(422, "", "Validation failed: " + step.error());
            }
            return step.state() == ProcessingStep.State.SUCCEEDED;
        });
    }

    FakePost createStatus(URI server, String token, String text, List<String> mediaIds, String inReplyToId,
            Map<String, String> options, String idempotencyKey) {
        return serve(newCall(Operation.PUBLISH, token, null, -1, 0, text, idempotencyKey), () -> {
            Server s = known(server);
            String userId = user(s, token);
            Instant now = clock.instant();
            s.keys.values().removeIf(r -> !now.isBefore(r.at().plus(KEY_MEMORY)));
            String remembered = idempotencyKey == null ? null : userId + "\n" + idempotencyKey;
            if (remembered != null && s.keys.containsKey(remembered)) {
                return post(s.keys.get(remembered).postId()).orElseThrow();
            }
            if (text.isBlank() && mediaIds.isEmpty()) {
                throw WireFault.http(422, "", "Validation failed: Text can't be blank");
            }
            int length = measure(s.limits.charactersPerUrl()).weightedLength(text);
            if (length > s.limits.maxCharacters()) {
                throw WireFault.http(422, "", "Validation failed: Text character limit of "
                        + s.limits.maxCharacters() + " exceeded");
            }
            if (mediaIds.size() > s.limits.maxMedia()) {
                throw WireFault.http(422, "", "Validation failed: Media attachments are too many");
            }
            for (String mediaId : mediaIds) {
                FakeMedia m = ownMedia(s, userId, mediaId);
                if (m == null) {
                    throw WireFault.http(422, "", "Validation failed: Media attachments are invalid");
                }
                if (!m.isReady()) {
                    throw WireFault.http(422, "", "Validation failed: Cannot attach files that have not finished "
                            + "processing. Try again in a moment!");
                }
            }
            FakePost parent = null;
            if (inReplyToId != null) {
                parent = post(inReplyToId).orElseThrow(() -> WireFault.http(404, "", "Record not found"));
            }
            String id = nextId();
            FakePost post = new FakePost(id, s.host() + ":" + userId, text, mediaIds, mediaIds.stream()
                    .map(mid -> media.get(mid).altText).toList(), parent == null ? null : parent.id(),
                    parent == null ? id : parent.root(), idempotencyKey, options, now,
                    URI.create(s.uri + "/@" + s.users.get(userId).handle() + "/" + id));
            addPost(post);
            if (remembered != null) {
                s.keys.put(remembered, new Remembered(id, now));
            }
            return post;
        });
    }

    List<FakePost> accountStatuses(URI server, String token, String accountId, Instant since) {
        return serve(newCall(Operation.RECENT_POSTS, token, accountId, -1, 0, null, null), () -> {
            Server s = known(server);
            user(s, token);
            String author = s.host() + ":" + accountId;
            return posts().stream().filter(p -> p.author().equals(author) && !p.createdAt().isBefore(since))
                    .sorted(Comparator.comparing(FakePost::createdAt).reversed()).limit(40).toList();
        });
    }

    @Override
    protected PlatformException map(Operation operation, WireFault fault) {
        return mapCommon(operation, fault);
    }

    // ---- inside

    private Server server(URI uri) {
        Server s = servers.get(uri.getHost());
        if (s == null) {
            throw new IllegalArgumentException("no server " + uri.getHost() + " on this fake platform");
        }
        return s;
    }

    /** The server a request reaches, or a refused connection for a host that does not exist. */
    private Server known(URI uri) {
        Server s = uri == null ? null : servers.get(uri.getHost());
        if (s == null) {
            throw WireFault.http(404, "not-found", "no server answers at " + (uri == null ? "(none)" : uri.getHost()));
        }
        return s;
    }

    private String user(Server s, String token) {
        try {
            return s.tokens.check(token, null, null).userId();
        } catch (FakeTokens.Denied e) {
            throw WireFault.http(401, "", "The access token is invalid");
        }
    }

    private FakeMedia ownMedia(Server s, String userId, String mediaId) {
        FakeMedia m = media.get(mediaId);
        boolean own = m != null && m.owner.equals(s.host() + ":" + userId) && !m.collected
                && clock.instant().isBefore(m.expiresAt);
        return own ? m : null;
    }
}
