package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.retry.RetryPolicy;
import dev.outpost.ports.platform.SignInMethod;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.memory.InMemoryJobQueue;
import dev.outpost.ports.storage.memory.InMemoryStores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import dev.outpost.ports.platform.PlatformPlugin;

/**
 * The core over in-memory stores and a fake platform of one shape, with a clock that waits move instead of sleeping:
 * what the reliability tests drive. {@link #restart()} shares stores and platform, as a new process would.
 */
final class Engine {
    static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

    final FakeClock clock;
    final FakePlatform platform;
    final Stores stores;
    final Platforms platforms;
    final OutpostCore core;
    final List<Duration> sleeps;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private final UnaryOperator<PlatformPlugin> wrap;

    private Engine(FakePlatform platform, Stores stores, UploadSettings uploads, PublicationRunner.Settings publishing,
            String worker, List<Duration> sleeps, ClaimHolders holders) {
        this(platform, stores, uploads, publishing, worker, sleeps, holders, UnaryOperator.identity());
    }

    private Engine(FakePlatform platform, Stores stores, UploadSettings uploads, PublicationRunner.Settings publishing,
            String worker, List<Duration> sleeps, ClaimHolders holders, UnaryOperator<PlatformPlugin> wrap) {
        this.wrap = wrap;
        this.clock = platform.clock();
        this.platform = platform;
        this.stores = stores;
        this.sleeps = sleeps;
        this.platforms = Platforms.open(List.of(wrap.apply(platform.plugin())), Map.of(), clock, stores.secrets());
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
        this.core = new OutpostCore(stores, platforms, new OutpostCore.Options(clock, sleeper, new Random(42),
                uploads, publishing, worker, holders));
        core.progress().subscribe(events::add);
    }

    /** Sequential parts, quick retries, the standard numbers otherwise. */
    static UploadSettings uploadSettings() {
        return UploadSettings.DEFAULT.withAppendParallelism(1).withRetryPolicy(new RetryPolicy(5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 20));
    }

    static Engine start(Shape shape) {
        FakeClock clock = new FakeClock();
        return start(shape.create(clock));
    }

    static Engine start(FakePlatform platform) {
        return new Engine(platform, new InMemoryStores(platform.clock()), uploadSettings(),
                PublicationRunner.Settings.DEFAULT, "worker-1", new CopyOnWriteArrayList<>(),
                ClaimHolders.NONE_PROVABLY_DEAD);
    }

    /** The platform seen through {@code wrap} (a plugin whose answers are altered), on a fresh store. */
    static Engine start(FakePlatform platform, UnaryOperator<PlatformPlugin> wrap) {
        return new Engine(platform, new InMemoryStores(platform.clock()), uploadSettings(),
                PublicationRunner.Settings.DEFAULT, "worker-1", new CopyOnWriteArrayList<>(),
                ClaimHolders.NONE_PROVABLY_DEAD, wrap);
    }

    /** A new process on the same platform, over other stores (wrapping these, say). */
    Engine withStores(Stores other) {
        return new Engine(platform, other, uploadSettings(), PublicationRunner.Settings.DEFAULT, "worker-3", sleeps,
                ClaimHolders.NONE_PROVABLY_DEAD);
    }

    /** A new process on the same stores and platform. */
    Engine restart() {
        return restart(uploadSettings());
    }

    Engine restart(UploadSettings uploads) {
        return new Engine(platform, stores, uploads, PublicationRunner.Settings.DEFAULT, "worker-2", sleeps,
                ClaimHolders.NONE_PROVABLY_DEAD);
    }

    /** A new process on the same stores and platform, named {@code worker}, judging claim holders with {@code holders}. */
    Engine restartAs(String worker, ClaimHolders holders) {
        return new Engine(platform, stores, uploadSettings(), PublicationRunner.Settings.DEFAULT, worker, sleeps,
                holders);
    }

    Engine withUploads(UploadSettings uploads) {
        return new Engine(platform, stores, uploads, PublicationRunner.Settings.DEFAULT, "worker-1", sleeps,
                ClaimHolders.NONE_PROVABLY_DEAD);
    }

    /** The core's token service over this engine's stores, as the use cases have it. */
    AccessTokens accessTokens() {
        return new AccessTokens(stores.tokens(), stores.accounts(), platforms, clock);
    }

    String platformId() {
        return platform.plugin().id();
    }

    /** Connects the platform's default user the way a person would, by the platform's preferred method. */
    Account connect() {
        return connect("cli");
    }

    Account connect(String owner) {
        return connect(core, platform, owner);
    }

    /** Connects {@code platform}'s default user to {@code core} by the platform's preferred method. */
    static Account connect(OutpostCore core, FakePlatform platform, String owner) {
        String platformId = platform.plugin().id();
        SignInMethod method = core.connectAccount().methods(platformId).get(0);
        ConnectAccount.Started started = core.connectAccount().start(platformId, method.id(),
                platform.signInFields(), REDIRECT, owner);
        if (started instanceof ConnectAccount.Started.Connected connected) {
            return connected.account();
        }
        URI callback = platform.approve(((ConnectAccount.Started.Redirect) started).authorizationUrl());
        return core.connectAccount().complete(query(callback), owner);
    }

    /** The query parameters of a callback URI. */
    static Map<String, String> query(URI callback) {
        Map<String, String> out = new HashMap<>();
        String raw = callback.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    Publication publishNow(Account account, DraftInput input) {
        Publication created = core.publications().createForImmediateRun(account.id(), input);
        return core.runner().run(created.id());
    }

    Publication reload(PublicationId id) {
        return core.publications().get(id);
    }

    /** Runs every job due now, as the queue would. */
    int runDueJobs() {
        return ((InMemoryJobQueue) stores.jobs()).runDue(id -> core.runner().run(id));
    }
}
