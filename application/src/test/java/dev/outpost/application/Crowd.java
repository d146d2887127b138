package dev.outpost.application;

import dev.outpost.application.progress.ProgressEvent;
import dev.outpost.domain.account.Account;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.platform.fake.FakePlatform;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.memory.InMemoryJobQueue;
import dev.outpost.ports.storage.memory.InMemoryStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The core over in-memory stores and one fake platform of each shape asked for, sharing one clock, with an account
 * connected on each: what the cross-post and thread tests drive. {@link #restart} is a new process on the same
 * platforms and accounts.
 */
final class Crowd {
    final FakeClock clock;
    final Map<Shape, FakePlatform> platforms;
    final Map<Shape, Account> accounts;
    final Stores stores;
    final OutpostCore core;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private Crowd(FakeClock clock, Map<Shape, FakePlatform> platforms, Map<Shape, Account> accounts, Stores stores,
            String worker) {
        this.clock = clock;
        this.platforms = platforms;
        this.stores = stores;
        Platforms opened = Platforms.open(platforms.values().stream().map(FakePlatform::plugin).toList(), Map.of(),
                clock, stores.secrets());
        Sleeper sleeper = clock::advance;
        this.core = new OutpostCore(stores, opened, new OutpostCore.Options(clock, sleeper, new Random(42),
                Engine.uploadSettings(), PublicationRunner.Settings.DEFAULT, worker,
                ClaimHolders.NONE_PROVABLY_DEAD));
        core.progress().subscribe(events::add);
        if (accounts == null) {
            Map<Shape, Account> connected = new LinkedHashMap<>();
            platforms.forEach((shape, platform) -> connected.put(shape, Engine.connect(core, platform, "cli")));
            this.accounts = connected;
        } else {
            this.accounts = accounts;
        }
    }

    static Crowd start(List<Shape> shapes) {
        FakeClock clock = new FakeClock();
        Map<Shape, FakePlatform> platforms = new LinkedHashMap<>();
        shapes.forEach(shape -> platforms.put(shape, shape.create(clock)));
        return new Crowd(clock, platforms, null, new InMemoryStores(clock), "worker-1");
    }

    static Crowd all() {
        return start(List.of(Shape.values()));
    }

    /** A new process on the same platforms and accounts, over {@code other} stores (these, or a wrapper). */
    Crowd restart(Stores other, String worker) {
        return new Crowd(clock, platforms, accounts, other, worker);
    }

    FakePlatform platform(Shape shape) {
        return platforms.get(shape);
    }

    Account account(Shape shape) {
        return accounts.get(shape);
    }

    List<ComposeInput.Target> targets() {
        List<ComposeInput.Target> out = new ArrayList<>();
        accounts.values().forEach(a -> out.add(ComposeInput.Target.of(a.id())));
        return out;
    }

    Publication reload(PublicationId id) {
        return core.publications().get(id);
    }

    /** Runs what is due until nothing more is (a published post schedules the next of its thread). */
    void drainJobs() {
        InMemoryJobQueue jobs = (InMemoryJobQueue) stores.jobs();
        for (int round = 0; round < 20 && jobs.runDue(id -> core.runner().run(id)) > 0; round++) {
            clock.advance(Duration.ZERO);
        }
    }
}
