package dev.outpost.ports.platform.fake;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Connection;
import dev.outpost.ports.platform.PlatformCapabilities;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.platform.RemoteUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An in-memory platform of one shape, and the plugin that speaks to it: users and their tokens, media, posts, one fake
 * clock, a record of every request, and scripted faults. The three shapes ({@link XShapedPlatform},
 * {@link MastodonShapedPlatform}, {@link BlueskyShapedPlatform}) share this face, so that a reliability test can run
 * the same fault against each: {@link #plugin()} is what the application loads, {@link #connect()} a connected
 * account, {@link #posts()} what was posted, {@link #calls()} what was asked.
 *
 * <p>Faults are scripted per {@link Operation} and consumed in order. {@link #failNext} fails the next matching request
 * before it has any effect; {@link #failNextAfterEffect} lets it take effect and then fails it (the answer was lost).
 * A fault is a {@link PlatformException} (reaching the core as it is) or a {@link WireFault} (mapped by the shape's
 * plugin as its platform's errors are). Thread-safe: one lock guards all state.
 */
public abstract class FakePlatform {
    private record ScriptedFault(Operation operation, Predicate<FakeCall> matching, RuntimeException error,
            boolean afterEffect) {
    }

    protected final FakeClock clock;
    private final List<ScriptedFault> faults = new ArrayList<>();
    private final List<FakeCall> calls = new ArrayList<>();
    private final List<FakePost> posts = new ArrayList<>();
    final Map<String, FakeMedia> media = new LinkedHashMap<>();
    private long bytesReceived;
    private long nextId = 1_900_000_000_000_000_000L;

    protected FakePlatform(FakeClock clock) {
        this.clock = clock;
    }

    // ---- what every shape offers

    /** The plugin the application loads: its factories all speak to this platform. */
    public abstract PlatformPlugin plugin();

    /** What this shape declares, for the contracts. */
    public abstract PlatformCapabilities capabilities();

    /** The platform's default user. */
    public abstract RemoteUser defaultUser();

    /** The default user connected, with fresh credentials, as sign-in would give it. */
    public abstract Connection connect();

    /** The fields a form sign-in of the default user takes, or the server a redirect sign-in asks for. */
    public Map<String, String> signInFields() {
        return Map.of();
    }

    /** The consenting user's browser: follows an authorization URL and returns the callback it is sent to. */
    public URI approve(URI authorizationUrl) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no redirect sign-in");
    }

    /**
     * Who the platform says {@code access} belongs to, asked as the shape's plugin would.
     *
     * @throws PlatformException.Unauthorized when the platform refuses the credentials
     */
    public abstract RemoteUser whoIs(AccountAccess access);

    /** Every access token issued so far has expired (refresh, where there is any, still works). */
    public abstract void expireAccessTokens();

    /** Every credential is revoked: users must connect again. */
    public abstract void revokeTokens();

    /** A context for the plugin's factories on this platform's clock with an empty vault. */
    public PlatformContext context() {
        return new PlatformContext(Map.of(), clock, new InMemoryVault());
    }

    /** The account the core would store for {@code connection}. */
    public AccountAccess access(Connection connection) {
        Account account = new Account(AccountId.of(plugin().id(), connection.localId()), connection.user().id(),
                connection.user().handle(), connection.user().name(), connection.server(), AccountStatus.CONNECTED,
                clock.instant());
        return new AccountAccess(account, connection.credentials());
    }

    /** The default user's account, freshly connected. */
    public AccountAccess access() {
        return access(connect());
    }

    public FakeClock clock() {
        return clock;
    }

    // ---- faults

    /** The next request of {@code operation} fails with {@code error} before having any effect. */
    public synchronized void failNext(Operation operation, RuntimeException error) {
        faults.add(new ScriptedFault(operation, c -> true, checked(error), false));
    }

    /** The next {@code times} requests of {@code operation} fail with {@code error} before having any effect. */
    public synchronized void failNext(Operation operation, int times, RuntimeException error) {
        for (int i = 0; i < times; i++) {
            failNext(operation, error);
        }
    }

    /** The next request of {@code operation} takes effect, then {@code error} is thrown: the answer was lost. */
    public synchronized void failNextAfterEffect(Operation operation, RuntimeException error) {
        faults.add(new ScriptedFault(operation, c -> true, checked(error), true));
    }

    /** The next request of {@code operation} that {@code matching} accepts fails, before or after its effect. */
    public synchronized void failNextMatching(Operation operation, Predicate<FakeCall> matching,
            RuntimeException error, boolean afterEffect) {
        faults.add(new ScriptedFault(operation, matching, checked(error), afterEffect));
    }

    /** The next {@link Operation#APPEND} of part {@code index} (whatever the media) fails before it is kept. */
    public void failPart(int index, RuntimeException error) {
        failNextMatching(Operation.APPEND, c -> c.part() == index, error, false);
    }

    /** The next {@link Operation#APPEND} of part {@code index} is kept, then {@code error} is thrown. */
    public void failPartAfterEffect(int index, RuntimeException error) {
        failNextMatching(Operation.APPEND, c -> c.part() == index, error, true);
    }

    /** How many scripted faults have not fired yet. */
    public synchronized int pendingFaults() {
        return faults.size();
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    // ---- what happened

    public synchronized List<FakeCall> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<FakeCall> calls(Operation operation) {
        return calls.stream().filter(c -> c.operation() == operation).toList();
    }

    /** How many requests of {@code operation} arrived (whatever their outcome). */
    public synchronized int count(Operation operation) {
        return (int) calls.stream().filter(c -> c.operation() == operation).count();
    }

    /** The shortest time between two consecutive requests of {@code operation}, or null with fewer than two. */
    public synchronized Duration shortestInterval(Operation operation) {
        List<FakeCall> of = calls(operation);
        Duration shortest = null;
        for (int i = 1; i < of.size(); i++) {
            Duration gap = Duration.between(of.get(i - 1).at(), of.get(i).at());
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
        }
        return shortest;
    }

    /** Every post created, oldest first, including those whose answer was lost. */
    public synchronized List<FakePost> posts() {
        return List.copyOf(posts);
    }

    public synchronized Optional<FakePost> post(String id) {
        return posts.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The posts created with idempotency key {@code key}. */
    public synchronized List<FakePost> postsWithKey(String key) {
        return posts.stream().filter(p -> key.equals(p.key())).toList();
    }

    /** How many media bytes the platform has kept, over all uploads. */
    public synchronized long mediaBytesReceived() {
        return bytesReceived;
    }

    /** The SHA-256 of the bytes held for {@code mediaId}, in part order (media up to 32 MiB). */
    public synchronized Optional<String> storedSha256(String mediaId) {
        return Optional.ofNullable(media.get(mediaId)).map(FakeMedia::sha256);
    }

    /** The alt text held with {@code mediaId} (for shapes that take it with the media). */
    public synchronized Optional<String> storedAltText(String mediaId) {
        return Optional.ofNullable(media.get(mediaId)).map(m -> m.altText);
    }

    /** The ids of all media uploaded, oldest first. */
    public synchronized List<String> mediaIds() {
        return List.copyOf(media.keySet());
    }

    /** Every media uploaded so far is gone (collected, expired): posts naming it are refused. */
    public synchronized void collectMedia() {
        media.values().forEach(m -> m.collected = true);
    }

    // ---- for the shapes

    /**
     * Serves one request: a scripted fault first, then {@code effect} under the lock, recording the request either
     * way. {@link WireFault}s, scripted or thrown by {@code effect}, go through {@link #map}.
     */
    protected <T> T serve(FakeCall call, Supplier<T> effect) {
        ScriptedFault fault = takeFault(call);
        if (fault != null && !fault.afterEffect()) {
            record(call.withOutcome("fault:" + kind(fault.error())));
            throw mapped(call.operation(), fault.error());
        }
        T result;
        try {
            synchronized (this) {
                result = effect.get();
            }
        } catch (WireFault | PlatformException e) {
            record(call.withOutcome("refused:" + kind(e)));
            throw mapped(call.operation(), e);
        }
        if (fault != null) {
            record(call.withOutcome("ok+fault:" + kind(fault.error())));
            throw mapped(call.operation(), fault.error());
        }
        record(call);
        return result;
    }

    /** This shape's error mapping: what its plugin makes of a failure on the wire. */
    protected abstract PlatformException map(Operation operation, WireFault fault);

    /** The mapping most HTTP platforms share; shapes adjust it. */
    protected PlatformException mapCommon(Operation operation, WireFault fault) {
        boolean effectUnknown = operation == Operation.PUBLISH || operation == Operation.REFRESH;
        String message = fault.getMessage();
        return switch (fault.kind()) {
            case REFUSED -> new PlatformException.Transient(message, fault);
            case RESET, TIMEOUT -> effectUnknown ? new PlatformException.Ambiguous(message, fault)
                    : new PlatformException.Transient(message, fault);
            case HTTP -> {
                int status = fault.status();
                if (status == 429) {
                    yield new PlatformException.RateLimited(message, fault.resetAt());
                } else if (status >= 500) {
                    yield effectUnknown ? new PlatformException.Ambiguous(message, fault)
                            : new PlatformException.Transient(message, fault);
                } else if (status == 401) {
                    yield new PlatformException.Unauthorized(message);
                } else if (status == 403) {
                    yield new PlatformException.Forbidden(fault.error().equals("duplicate")
                            ? PlatformException.Forbidden.Reason.DUPLICATE_CONTENT
                            : fault.error().equals("scope") ? PlatformException.Forbidden.Reason.MISSING_SCOPE
                                    : PlatformException.Forbidden.Reason.OTHER, message);
                } else if (status == 413) {
                    yield new PlatformException.PayloadTooLarge(message);
                } else {
                    yield new PlatformException.InvalidRequest(fault.error(), message);
                }
            }
        };
    }

    protected FakeCall newCall(Operation operation, String token, String subject, int part, long bytes, String text,
            String key) {
        return new FakeCall(operation, clock.instant(), token, subject, part, bytes, text, key, "ok");
    }

    protected synchronized String nextId() {
        return Long.toString(nextId++);
    }

    /** Stores a post; call under the lock. */
    protected void addPost(FakePost post) {
        posts.add(post);
    }

    /** Adds kept media bytes to the count; call under the lock. */
    protected void received(long bytes) {
        bytesReceived += bytes;
    }

    /** The bytes of {@code file} from {@code offset}, as a request body carries them. */
    protected static byte[] read(MediaFile file, long offset, long length) {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a fake request body is at most 2 GiB");
        }
        byte[] bytes = new byte[(int) length];
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            int done = 0;
            while (done < bytes.length) {
                int n = channel.read(ByteBuffer.wrap(bytes, done, Math.min(64 * 1024, bytes.length - done)),
                        offset + done);
                if (n < 0) {
                    throw new IOException(file.displayName() + " ended before byte " + (offset + length));
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    protected static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private RuntimeException mapped(Operation operation, RuntimeException error) {
        return error instanceof WireFault wire ? map(operation, wire) : error;
    }

    private static RuntimeException checked(RuntimeException error) {
        if (!(error instanceof WireFault) && !(error instanceof PlatformException)) {
            throw new IllegalArgumentException("a fault is a WireFault or a PlatformException: " + error);
        }
        return error;
    }

    private synchronized ScriptedFault takeFault(FakeCall call) {
        for (Iterator<ScriptedFault> it = faults.iterator(); it.hasNext();) {
            ScriptedFault fault = it.next();
            if (fault.operation() == call.operation() && fault.matching().test(call)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    private synchronized void record(FakeCall call) {
        calls.add(call);
    }

    private static String kind(RuntimeException e) {
        if (e instanceof WireFault wire) {
            return wire.kind() == WireFault.Kind.HTTP ? wire.status() + (wire.error().isEmpty() ? ""
                    : " " + wire.error()) : wire.kind().name();
        }
        return e.getClass().getSimpleName();
    }
}
