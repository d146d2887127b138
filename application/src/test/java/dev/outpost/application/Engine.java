package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.domain.retry.RetryPolicy;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.platform.fake.FakePlatformPlugin;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.memory.InMemoryStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The core over in-memory stores and a fake platform, with a clock that waits move instead of sleeping: what the
 * engine's reliability tests drive. A second {@link #restart()} shares stores and platform, as a new process would.
 */
final class Engine {
    final FakeClock clock;
    final FakePlatform platform;
    final Stores stores;
    final Platforms platforms;
    final OutpostCore core;
    final List<Duration> sleeps;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private Engine(FakeClock clock, FakePlatform platform, Stores stores, UploadSettings uploads,
            PublicationRunner.Settings publishing, String worker, List<Duration> sleeps) {
        this(clock, platform, stores, uploads, publishing, worker, sleeps, ClaimHolders.NONE_PROVABLY_DEAD);
    }

    private Engine(FakeClock clock, FakePlatform platform, Stores stores, UploadSettings uploads,
            PublicationRunner.Settings publishing, String worker, List<Duration> sleeps, ClaimHolders holders) {
        this.clock = clock;
        this.platform = platform;
        this.stores = stores;
        this.sleeps = sleeps;
        this.platforms = Platforms.open(List.of(new FakePlatformPlugin(platform)), new PlatformContext(Map.of(),
                clock));
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        };
        this.core = new OutpostCore(stores, platforms, new OutpostCore.Options(clock, sleeper, new Random(42),
                uploads, publishing, worker, holders));
        core.progress().subscribe(events::add);
    }

    /** Sequential appends, quick retries, X's numbers otherwise. */
    static UploadSettings uploadSettings() {
        return UploadSettings.DEFAULT.withAppendParallelism(1).withRetryPolicy(new RetryPolicy(5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 20));
    }

    static Engine start() {
        FakeClock clock = new FakeClock();
        return new Engine(clock, new FakePlatform(clock), new InMemoryStores(clock), uploadSettings(),
                PublicationRunner.Settings.DEFAULT, "worker-1", new CopyOnWriteArrayList<>());
    }

    /** A new process on the same platform, over other stores (wrapping these, say). */
    Engine withStores(Stores other) {
        return new Engine(clock, platform, other, uploadSettings(), PublicationRunner.Settings.DEFAULT, "worker-3",
                sleeps);
    }

    /** A new process on the same stores and platform. */
    Engine restart() {
        return restart(uploadSettings());
    }

    Engine restart(UploadSettings uploads) {
        return new Engine(clock, platform, stores, uploads, PublicationRunner.Settings.DEFAULT, "worker-2",
                sleeps);
    }

    /** A new process on the same stores and platform, named {@code worker}, judging claim holders with {@code holders}. */
    Engine restartAs(String worker, ClaimHolders holders) {
        return new Engine(clock, platform, stores, uploadSettings(), PublicationRunner.Settings.DEFAULT, worker, sleeps,
                holders);
    }

    Engine withUploads(UploadSettings uploads) {
        return new Engine(clock, platform, stores, uploads, PublicationRunner.Settings.DEFAULT, "worker-1", sleeps);
    }

    /** Connects the fake platform's default user. */
    Account connect() {
        return core.connectAccount().importTokens("fake", platform.issueTokens());
    }

    MediaFile inspect(Path file) {
        return new MediaInspector().inspect(file, "media");
    }

    Publication publishNow(Account account, DraftInput input) {
        Publication created = core.publications().createForImmediateRun(account.id(), input);
        return core.runner().run(created.id());
    }

    Publication reload(PublicationId id) {
        return stores.publications().find(id).orElseThrow();
    }

    /** Runs every job due now, as the queue would. */
    int runDueJobs() {
        return ((dev.outpost.ports.storage.memory.InMemoryJobQueue) stores.jobs()).runDue(id -> core.runner()
                .run(id));
    }
}
